package dev.kontor.audit;

import static dev.kontor.audit.db.Tables.ENTRY;

import dev.kontor.audit.db.tables.records.EntryRecord;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records audit entries and reads them back. An entry joins the caller's transaction, so a change that is
 * rolled back leaves no entry claiming it happened. The actor and the address come from the current request
 * unless given.
 */
@Service
@Transactional
public class AuditLog {

    static final int EXPORT_LIMIT = 100_000;
    private static final int MAX_DETAIL = 2000;

    private final DSLContext db;
    private final Clock clock;
    private final UserNames users;

    AuditLog(DSLContext db, Clock clock, UserNames users) {
        this.db = db;
        this.clock = clock;
        this.users = users;
    }

    /** Something the signed-in user did (or the system, outside a request) concerning {@code subjectId}. */
    public void record(AuditKind kind, Long subjectId, String detail) {
        record(kind, currentUserId().orElse(null), subjectId, detail);
    }

    /** Something done by {@code actorId} (null when nobody is known, e.g. a failed sign-in). */
    public void record(AuditKind kind, Long actorId, Long subjectId, String detail) {
        String text = detail == null ? "" : detail;
        db.insertInto(ENTRY)
                .set(ENTRY.AT, clock.instant())
                .set(ENTRY.KIND, kind.key())
                .set(ENTRY.ACTOR_ID, actorId)
                .set(ENTRY.SUBJECT_ID, subjectId)
                .set(ENTRY.ADDRESS, currentAddress().orElse(null))
                .set(ENTRY.DETAIL, text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) : text)
                .execute();
    }

    @Transactional(readOnly = true)
    public AuditPage entries(AuditQuery query) {
        var records = db.selectFrom(ENTRY)
                .where(condition(query))
                .orderBy(ENTRY.AT.desc(), ENTRY.ID.desc())
                .limit(query.size() + 1)
                .offset((long) query.page() * query.size())
                .fetch();
        Set<Long> ids = new HashSet<>();
        records.forEach(r -> {
            if (r.getActorId() != null) ids.add(r.getActorId());
            if (r.getSubjectId() != null) ids.add(r.getSubjectId());
        });
        Map<Long, String> names = ids.isEmpty() ? Map.of() : users.names(ids);
        List<AuditEntry> rows = records.map(r -> entry(r, names::get));
        boolean hasNext = rows.size() > query.size();
        return new AuditPage(
                hasNext ? new ArrayList<>(rows.subList(0, query.size())) : rows, query.page(), query.size(), hasNext);
    }

    /**
     * Writes the entries the query matches (every page, newest first, at most 100,000) as CSV, and records the
     * export itself. Returns how many rows were written.
     */
    public int export(AuditQuery query, Writer out) throws IOException {
        Map<Long, String> known = new HashMap<>();
        Function<Long, String> names =
                id -> known.computeIfAbsent(id, i -> users.names(List.of(i)).getOrDefault(i, ""));
        int written = writeCsv(query, names, out);
        record(AuditKind.EXPORTED, null, "audit.csv, " + written + " rows" + describe(query));
        return written;
    }

    private int writeCsv(AuditQuery query, Function<Long, String> names, Writer out) throws IOException {
        out.write("id,at,kind,actor_id,actor,subject_id,subject,address,detail\n");
        int written = 0;
        try (var cursor = db.selectFrom(ENTRY)
                .where(condition(query))
                .orderBy(ENTRY.AT.desc(), ENTRY.ID.desc())
                .limit(EXPORT_LIMIT)
                .fetchSize(500)
                .fetchLazy()) {
            for (var record : cursor) {
                AuditEntry e = entry(record, names);
                out.write(String.join(
                        ",",
                        Long.toString(e.id()),
                        e.at().toString(),
                        e.kind().key(),
                        e.actorId() == null ? "" : e.actorId().toString(),
                        csv(e.actorName()),
                        e.subjectId() == null ? "" : e.subjectId().toString(),
                        csv(e.subjectName()),
                        csv(e.address()),
                        csv(e.detail())));
                out.write("\n");
                written++;
            }
        }
        out.flush();
        return written;
    }

    private static Condition condition(AuditQuery query) {
        Condition c = DSL.noCondition();
        if (query.kind() != null) {
            c = c.and(ENTRY.KIND.eq(query.kind().key()));
        }
        if (query.userId() != null) {
            c = c.and(ENTRY.ACTOR_ID.eq(query.userId()).or(ENTRY.SUBJECT_ID.eq(query.userId())));
        }
        if (query.from() != null) {
            c = c.and(ENTRY.AT.ge(query.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (query.to() != null) {
            c = c.and(ENTRY.AT.lt(
                    query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        return c;
    }

    private static AuditEntry entry(EntryRecord r, Function<Long, String> names) {
        return new AuditEntry(
                r.getId(),
                r.getAt(),
                AuditKind.fromKey(r.getKind()).orElseThrow(),
                r.getActorId(),
                r.getActorId() == null ? null : names.apply(r.getActorId()),
                r.getSubjectId(),
                r.getSubjectId() == null ? null : names.apply(r.getSubjectId()),
                r.getAddress(),
                r.getDetail());
    }

    private static String describe(AuditQuery query) {
        List<String> parts = new ArrayList<>();
        if (query.kind() != null) parts.add("kind " + query.kind().key());
        if (query.userId() != null) parts.add("user " + query.userId());
        if (query.from() != null) parts.add("from " + query.from());
        if (query.to() != null) parts.add("to " + query.to());
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** Quotes a CSV field and defuses spreadsheet formulas (a detail starting with "=" stays text). */
    static String csv(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        if ("=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static Optional<Long> currentUserId() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || !auth.getName().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(auth.getName()));
    }

    private static Optional<String> currentAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? Optional.ofNullable(request.getRequest().getRemoteAddr())
                : Optional.empty();
    }
}
