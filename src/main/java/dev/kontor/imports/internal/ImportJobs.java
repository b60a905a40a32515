package dev.kontor.imports.internal;

import static dev.kontor.imports.db.Tables.IMPORT_ERROR;
import static dev.kontor.imports.db.Tables.IMPORT_JOB;
import static dev.kontor.imports.db.Tables.IMPORT_PART;

import dev.kontor.imports.ImportErrorView;
import dev.kontor.imports.ImportStatus;
import dev.kontor.imports.ImportView;
import dev.kontor.imports.NewImport;
import dev.kontor.imports.db.tables.records.ImportJobRecord;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The import jobs, their files (in parts) and their errors ({@code imports} schema). */
@Repository
public class ImportJobs {

    private final DSLContext db;

    ImportJobs(DSLContext db) {
        this.db = db;
    }

    public long create(NewImport n, long storeId, long channelId, Long userId, Instant now) {
        return db.insertInto(IMPORT_JOB)
                .set(IMPORT_JOB.CLIENT_ID, n.clientId())
                .set(IMPORT_JOB.STORE_ID, storeId)
                .set(IMPORT_JOB.CHANNEL_ID, channelId)
                .set(IMPORT_JOB.SOURCE, n.source())
                .set(IMPORT_JOB.FORMAT, n.format())
                .set(IMPORT_JOB.FILE_NAME, n.fileName())
                .set(IMPORT_JOB.RUN_FLOW, n.runFlow())
                .set(IMPORT_JOB.STATUS, ImportStatus.UPLOADING.key())
                .set(IMPORT_JOB.CREATED_BY, userId)
                .set(IMPORT_JOB.CREATED_AT, now)
                .returning(IMPORT_JOB.ID)
                .fetchOne(IMPORT_JOB.ID);
    }

    /** The job, its row locked until the transaction ends. */
    public Optional<ImportJobRecord> lock(long id) {
        return db.selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(id)).forUpdate().fetchOptional();
    }

    public Optional<ImportJobRecord> find(long id) {
        return db.selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(id)).fetchOptional();
    }

    public List<ImportJobRecord> list(ClientScope scope, int limit) {
        var where = scope.all() ? DSL.noCondition() : IMPORT_JOB.CLIENT_ID.in(scope.clientIds());
        return db.selectFrom(IMPORT_JOB)
                .where(where)
                .orderBy(IMPORT_JOB.ID.desc())
                .limit(limit)
                .fetch();
    }

    public void appendPart(long jobId, int partNo, byte[] content) {
        db.insertInto(IMPORT_PART)
                .set(IMPORT_PART.JOB_ID, jobId)
                .set(IMPORT_PART.PART_NO, partNo)
                .set(IMPORT_PART.CONTENT, content)
                .execute();
        db.update(IMPORT_JOB)
                .set(IMPORT_JOB.PARTS, partNo + 1)
                .set(IMPORT_JOB.TOTAL_BYTES, IMPORT_JOB.TOTAL_BYTES.plus((long) content.length))
                .where(IMPORT_JOB.ID.eq(jobId))
                .execute();
    }

    public void setStatus(long jobId, ImportStatus status, Instant now) {
        db.update(IMPORT_JOB)
                .set(IMPORT_JOB.STATUS, status.key())
                .set(IMPORT_JOB.FINISHED_AT, status == ImportStatus.CANCELLED ? DSL.val(now) : IMPORT_JOB.FINISHED_AT)
                .set(IMPORT_JOB.LEASE_OWNER, (String) null)
                .where(IMPORT_JOB.ID.eq(jobId))
                .execute();
    }

    /**
     * Takes the oldest import waiting for a node, or one whose node stopped renewing its lease (crashed), for this
     * node until {@code now + lease}. Two nodes never take the same job: the row is claimed with SKIP LOCKED.
     */
    public Optional<ImportJobRecord> claim(String owner, Instant now, Duration lease) {
        var due = db.select(IMPORT_JOB.ID)
                .from(IMPORT_JOB)
                .where(IMPORT_JOB
                        .STATUS
                        .eq(ImportStatus.QUEUED.key())
                        .or(IMPORT_JOB.STATUS.eq(ImportStatus.RUNNING.key()).and(IMPORT_JOB.LEASE_UNTIL.lt(now))))
                .orderBy(IMPORT_JOB.ID)
                .limit(1)
                .forUpdate()
                .skipLocked()
                .fetchOne(IMPORT_JOB.ID);
        if (due == null) {
            return Optional.empty();
        }
        return db.update(IMPORT_JOB)
                .set(IMPORT_JOB.STATUS, ImportStatus.RUNNING.key())
                .set(IMPORT_JOB.LEASE_OWNER, owner)
                .set(IMPORT_JOB.LEASE_UNTIL, now.plus(lease))
                .set(IMPORT_JOB.STARTED_AT, DSL.coalesce(IMPORT_JOB.STARTED_AT, DSL.val(now)))
                .set(IMPORT_JOB.RESUMED_AT, now)
                .set(IMPORT_JOB.BYTES_AT_RESUME, IMPORT_JOB.BYTES_DONE)
                .set(IMPORT_JOB.MESSAGES_AT_RESUME, IMPORT_JOB.MESSAGES_CREATED)
                .where(IMPORT_JOB.ID.eq(due))
                .returning()
                .fetchOptional();
    }

    /** What one batch did, added to the job with its checkpoint; false when this node no longer holds the job. */
    public boolean advance(
            long jobId,
            String owner,
            Instant leaseUntil,
            long bytesDone,
            long linesDone,
            long ticketsCreated,
            long ticketsUpdated,
            long messagesCreated,
            long messagesSkipped,
            long errorLines) {
        return db.update(IMPORT_JOB)
                        .set(IMPORT_JOB.BYTES_DONE, bytesDone)
                        .set(IMPORT_JOB.LINES_DONE, linesDone)
                        .set(IMPORT_JOB.TICKETS_CREATED, IMPORT_JOB.TICKETS_CREATED.plus(ticketsCreated))
                        .set(IMPORT_JOB.TICKETS_UPDATED, IMPORT_JOB.TICKETS_UPDATED.plus(ticketsUpdated))
                        .set(IMPORT_JOB.MESSAGES_CREATED, IMPORT_JOB.MESSAGES_CREATED.plus(messagesCreated))
                        .set(IMPORT_JOB.MESSAGES_SKIPPED, IMPORT_JOB.MESSAGES_SKIPPED.plus(messagesSkipped))
                        .set(IMPORT_JOB.ERROR_LINES, IMPORT_JOB.ERROR_LINES.plus(errorLines))
                        .set(IMPORT_JOB.LEASE_UNTIL, leaseUntil)
                        .where(IMPORT_JOB.ID.eq(jobId))
                        .and(IMPORT_JOB.LEASE_OWNER.eq(owner))
                        .and(IMPORT_JOB.STATUS.eq(ImportStatus.RUNNING.key()))
                        .execute()
                == 1;
    }

    public boolean finish(long jobId, String owner, ImportStatus status, String failure, Instant now) {
        return db.update(IMPORT_JOB)
                        .set(IMPORT_JOB.STATUS, status.key())
                        .set(IMPORT_JOB.FINISHED_AT, now)
                        .set(IMPORT_JOB.FAILURE, failure)
                        .set(IMPORT_JOB.LEASE_OWNER, (String) null)
                        .set(IMPORT_JOB.LEASE_UNTIL, (Instant) null)
                        .where(IMPORT_JOB.ID.eq(jobId))
                        .and(IMPORT_JOB.LEASE_OWNER.eq(owner))
                        .and(IMPORT_JOB.STATUS.eq(ImportStatus.RUNNING.key()))
                        .execute()
                == 1;
    }

    /** Records errors of lines, keeping at most {@code keep} per job (the rest are only counted). */
    public void recordErrors(long jobId, long lineNo, List<FieldError> errors, boolean skipped, int keep) {
        if (errors.isEmpty()) {
            return;
        }
        int kept = db.fetchCount(IMPORT_ERROR, IMPORT_ERROR.JOB_ID.eq(jobId));
        if (kept >= keep) {
            return;
        }
        var insert = db.insertInto(
                IMPORT_ERROR,
                IMPORT_ERROR.JOB_ID,
                IMPORT_ERROR.LINE_NO,
                IMPORT_ERROR.FIELD,
                IMPORT_ERROR.MESSAGE,
                IMPORT_ERROR.SKIPPED);
        for (FieldError e : errors.subList(0, Math.min(errors.size(), keep - kept))) {
            insert = insert.values(jobId, lineNo, e.field(), e.message(), skipped);
        }
        insert.execute();
    }

    public List<ImportErrorView> errors(long jobId, int limit) {
        return db.selectFrom(IMPORT_ERROR)
                .where(IMPORT_ERROR.JOB_ID.eq(jobId))
                .orderBy(IMPORT_ERROR.LINE_NO, IMPORT_ERROR.ID)
                .limit(limit)
                .fetch(r -> new ImportErrorView(r.getLineNo(), r.getField(), r.getMessage(), r.getSkipped()));
    }

    /** The first line of the file (a CSV header), read from its first part. */
    public String firstLine(long jobId) {
        byte[] first = db.select(DSL.field("substring({0} from 1 for 65536)", byte[].class, IMPORT_PART.CONTENT))
                .from(IMPORT_PART)
                .where(IMPORT_PART.JOB_ID.eq(jobId).and(IMPORT_PART.PART_NO.eq(0)))
                .fetchOne(0, byte[].class);
        LineSource source = new LineSource(new java.io.ByteArrayInputStream(first == null ? new byte[0] : first), 0, 0);
        String line = source.next();
        return line == null ? "" : line;
    }

    /** The job's file from byte {@code offset} on, read part by part as the reader goes. */
    public InputStream open(long jobId, long offset) {
        List<Integer> lengths = db.select(DSL.field("octet_length({0})", Integer.class, IMPORT_PART.CONTENT))
                .from(IMPORT_PART)
                .where(IMPORT_PART.JOB_ID.eq(jobId))
                .orderBy(IMPORT_PART.PART_NO)
                .fetch(0, Integer.class);
        int part = 0;
        long skip = offset;
        while (part < lengths.size() && skip >= lengths.get(part)) {
            skip -= lengths.get(part);
            part++;
        }
        return new PartStream(jobId, part, (int) skip, lengths.size());
    }

    private final class PartStream extends InputStream {
        private final long jobId;
        private final int parts;
        private int nextPart;
        private byte[] current = new byte[0];
        private int pos;

        PartStream(long jobId, int firstPart, int skip, int parts) {
            this.jobId = jobId;
            this.nextPart = firstPart;
            this.parts = parts;
            load();
            this.pos = Math.min(skip, current.length);
        }

        private boolean load() {
            if (nextPart >= parts) {
                return false;
            }
            current = db.select(IMPORT_PART.CONTENT)
                    .from(IMPORT_PART)
                    .where(IMPORT_PART.JOB_ID.eq(jobId).and(IMPORT_PART.PART_NO.eq(nextPart)))
                    .fetchOne(IMPORT_PART.CONTENT);
            nextPart++;
            pos = 0;
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= current.length) {
                if (!load()) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    public static ImportView view(ImportJobRecord r, Instant now) {
        Double rate = null;
        Long eta = null;
        ImportStatus status = ImportStatus.fromKey(r.getStatus());
        if (status == ImportStatus.RUNNING && r.getResumedAt() != null) {
            double seconds = Duration.between(r.getResumedAt(), now).toMillis() / 1000.0;
            long bytes = r.getBytesDone() - r.getBytesAtResume();
            if (seconds > 0.5 && bytes > 0) {
                rate = (r.getMessagesCreated() - r.getMessagesAtResume()) / seconds;
                eta = (long) Math.ceil((r.getTotalBytes() - r.getBytesDone()) / (bytes / seconds));
            }
        } else if (status == ImportStatus.FINISHED && r.getStartedAt() != null && r.getFinishedAt() != null) {
            double seconds =
                    Duration.between(r.getResumedAt(), r.getFinishedAt()).toMillis() / 1000.0;
            if (seconds > 0) {
                rate = (r.getMessagesCreated() - r.getMessagesAtResume()) / seconds;
            }
        }
        return new ImportView(
                r.getId(),
                r.getClientId(),
                r.getStoreId(),
                r.getChannelId(),
                r.getSource(),
                r.getFormat(),
                r.getFileName(),
                r.getRunFlow(),
                status,
                r.getTotalBytes(),
                r.getBytesDone(),
                r.getLinesDone(),
                r.getTicketsCreated(),
                r.getTicketsUpdated(),
                r.getMessagesCreated(),
                r.getMessagesSkipped(),
                r.getErrorLines(),
                status == ImportStatus.FINISHED
                        ? 100
                        : r.getTotalBytes() == 0 ? 0 : (int) Math.min(100, r.getBytesDone() * 100 / r.getTotalBytes()),
                r.getCreatedAt(),
                r.getStartedAt(),
                r.getFinishedAt(),
                rate,
                eta,
                r.getFailure());
    }
}
