package dev.kontor.imports.internal;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.UserView;
import dev.kontor.imports.ImportSettings;
import dev.kontor.imports.ImportStatus;
import dev.kontor.imports.db.tables.records.ImportJobRecord;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs imports on this node, one at a time: claims a waiting import (or one a crashed node held), reads its file
 * from the checkpoint on and writes it batch by batch, renewing its lease with each batch. A batch that fails for
 * a reason of the server's is written again ticket by ticket, so one bad ticket costs only its own line.
 */
@Component
class ImportRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportJobs jobs;
    private final BatchWriter writer;
    private final AccountManagement accounts;
    private final ImportSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Object wake = new Object();
    private volatile boolean running;
    private Thread worker;

    ImportRunner(
            ImportJobs jobs,
            BatchWriter writer,
            AccountManagement accounts,
            ImportSettings settings,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.jobs = jobs;
        this.writer = writer;
        this.accounts = accounts;
        this.settings = settings;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Looks for work now instead of at the next poll (an import was just queued on this node). */
    void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "imports");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                Optional<ImportJobRecord> job = tx.execute(s -> jobs.claim(owner, clock.instant(), settings.lease()));
                if (job != null && job.isPresent()) {
                    run(job.get());
                    continue;
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Import runner: {}", e.toString());
                }
            }
            synchronized (wake) {
                try {
                    wake.wait(settings.poll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run(ImportJobRecord job) {
        log.info(
                "Import {} ({}): running from byte {} of {}",
                job.getId(),
                job.getFileName(),
                job.getBytesDone(),
                job.getTotalBytes());
        Map<String, Long> assignees = new HashMap<>();
        for (UserView u : accounts.usersServing(job.getClientId())) {
            assignees.put(u.email().toLowerCase(), u.id());
        }
        BatchWriter.Run run = new BatchWriter.Run(job, owner, assignees, settings.maxErrorsKept());
        String header = job.getFormat().equals("csv") && job.getBytesDone() > 0 ? jobs.firstLine(job.getId()) : null;
        try (InputStream in = jobs.open(job.getId(), job.getBytesDone())) {
            TicketReader reader = TicketReader.of(
                    job.getFormat(), new LineSource(in, job.getBytesDone(), job.getLinesDone()), header);
            while (running) {
                List<TicketLine> batch = read(reader);
                if (batch.isEmpty()) {
                    Boolean done = tx.execute(
                            s -> jobs.finish(job.getId(), owner, ImportStatus.FINISHED, null, clock.instant()));
                    log.info("Import {}: {}", job.getId(), Boolean.TRUE.equals(done) ? "finished" : "taken over");
                    return;
                }
                write(run, batch);
            }
        } catch (BatchWriter.LeaseLost e) {
            log.warn("Import {}: another node took it over", job.getId());
        } catch (Exception e) {
            String reference = UUID.randomUUID().toString();
            log.error("Import {} failed (reference {})", job.getId(), reference, e);
            tx.execute(s -> jobs.finish(
                    job.getId(),
                    owner,
                    ImportStatus.FAILED,
                    "unexpected error (reference " + reference + ")",
                    clock.instant()));
        }
    }

    private List<TicketLine> read(TicketReader reader) {
        List<TicketLine> batch = new ArrayList<>();
        int messages = 0;
        while (batch.size() < settings.batchTickets() && messages < settings.batchMessages()) {
            TicketLine line = reader.next();
            if (line == null) {
                break;
            }
            batch.add(line);
            messages += line.messages().size();
        }
        return batch;
    }

    private void write(BatchWriter.Run run, List<TicketLine> batch) {
        try {
            writer.write(run, batch, leaseUntil());
        } catch (BatchWriter.LeaseLost e) {
            throw e;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                String reference = UUID.randomUUID().toString();
                log.error(
                        "Import {}: line {} could not be stored (reference {})",
                        run.job().getId(),
                        batch.get(0).lineNo(),
                        reference,
                        e);
                writer.skip(run, batch.get(0), reference, leaseUntil());
                return;
            }
            for (TicketLine line : batch) {
                write(run, List.of(line));
            }
        }
    }

    private Instant leaseUntil() {
        return clock.instant().plus(settings.lease());
    }
}
