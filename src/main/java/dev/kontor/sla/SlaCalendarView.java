package dev.kontor.sla;

import java.time.LocalDate;
import java.util.List;

/** A business-hours calendar: {@code hours} like "mon-fri 09:00-18:00; sat 10:00-14:00". */
public record SlaCalendarView(
        Long id, long clientId, String name, String timeZone, String hours, List<LocalDate> holidays) {}
