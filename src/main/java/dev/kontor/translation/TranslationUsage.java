package dev.kontor.translation;

import java.time.YearMonth;

/** Characters a client had translated by one provider account in one calendar month (UTC). */
public record TranslationUsage(
        long clientId, String clientName, String account, YearMonth month, long characters, long requests) {}
