package dev.kontor.imports.internal;

import dev.kontor.customers.CustomerImport;
import dev.kontor.customers.CustomerImport.Contact;
import dev.kontor.imports.db.tables.records.ImportJobRecord;
import dev.kontor.shared.FieldError;
import dev.kontor.tickets.TicketImport;
import dev.kontor.tickets.TicketImport.HistoricalTicket;
import dev.kontor.tickets.TicketImport.Written;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes one batch of an import in one transaction: the lines that cannot be imported become errors, the others
 * get their customers (found or created) and are written as tickets; the job's counters and checkpoint move in
 * the same transaction, so after a crash the batch is either all there or not at all.
 */
@Component
public class BatchWriter {

    private final CustomerImport customers;
    private final TicketImport tickets;
    private final ImportJobs jobs;

    BatchWriter(CustomerImport customers, TicketImport tickets, ImportJobs jobs) {
        this.customers = customers;
        this.tickets = tickets;
        this.jobs = jobs;
    }

    /** The job as the runner holds it, and who holds it. */
    public record Run(ImportJobRecord job, String owner, Map<String, Long> assignees, int errorsKept) {}

    /** This node lost the job (its lease ran out and another node took it): the batch is rolled back. */
    public static class LeaseLost extends RuntimeException {
        LeaseLost(long jobId) {
            super("import " + jobId + " is held by another node now");
        }
    }

    @Transactional
    public void write(Run run, List<TicketLine> batch, Instant leaseUntil) {
        ImportJobRecord job = run.job();
        long errorLines = 0;
        List<TicketLine> good = new ArrayList<>();
        for (TicketLine line : batch) {
            if (line.failed()) {
                errorLines++;
                jobs.recordErrors(job.getId(), line.lineNo(), line.errors(), true, run.errorsKept());
            } else {
                good.add(line);
            }
        }
        List<TicketLine> valid = new ArrayList<>();
        List<Long> assignees = new ArrayList<>();
        for (TicketLine line : good) {
            // Checked before customers are resolved, so a refused line creates no customer.
            List<FieldError> problems = tickets.problems(ticket(job, line, 0, null));
            if (!problems.isEmpty()) {
                errorLines++;
                jobs.recordErrors(job.getId(), line.lineNo(), problems, true, run.errorsKept());
                continue;
            }
            Long assignee = null;
            if (line.assigneeEmail() != null) {
                assignee = run.assignees().get(line.assigneeEmail().strip().toLowerCase());
                if (assignee == null) {
                    jobs.recordErrors(
                            job.getId(),
                            line.lineNo(),
                            List.of(new FieldError(
                                    "assignee",
                                    "no active user with this e-mail serves the client: imported unassigned")),
                            false,
                            run.errorsKept());
                }
            }
            valid.add(line);
            assignees.add(assignee);
        }
        Map<Contact, Long> customerIds = customers.resolveAll(
                job.getClientId(),
                job.getSource(),
                valid.stream().map(TicketLine::customer).toList());
        List<HistoricalTicket> write = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            TicketLine line = valid.get(i);
            write.add(ticket(job, line, customerIds.get(line.customer()), assignees.get(i)));
        }
        Written written = write.isEmpty()
                ? new Written(0, 0, 0, 0)
                : tickets.write(job.getClientId(), job.getSource(), write, job.getRunFlow());
        TicketLine last = batch.get(batch.size() - 1);
        if (!jobs.advance(
                job.getId(),
                run.owner(),
                leaseUntil,
                last.offsetAfter(),
                last.lineAfter(),
                written.ticketsCreated(),
                written.ticketsUpdated(),
                written.messagesCreated(),
                written.messagesSkipped(),
                errorLines)) {
            throw new LeaseLost(job.getId());
        }
    }

    private static HistoricalTicket ticket(ImportJobRecord job, TicketLine line, long customerId, Long assignee) {
        return new HistoricalTicket(
                line.externalId(),
                job.getStoreId(),
                job.getChannelId(),
                customerId,
                line.subject(),
                line.status(),
                line.priority(),
                line.category(),
                line.language(),
                assignee,
                line.tags(),
                line.orderRefs(),
                line.createdAt(),
                line.updatedAt(),
                line.firstResponseAt(),
                line.solvedAt(),
                line.closedAt(),
                line.statusSince(),
                line.messages());
    }

    /** A line that could not be stored for a reason of the server's: recorded, and the checkpoint moves past it. */
    @Transactional
    public void skip(Run run, TicketLine line, String reference, Instant leaseUntil) {
        ImportJobRecord job = run.job();
        jobs.recordErrors(
                job.getId(),
                line.lineNo(),
                List.of(new FieldError("line", "could not be stored (reference " + reference + ")")),
                true,
                run.errorsKept());
        if (!jobs.advance(job.getId(), run.owner(), leaseUntil, line.offsetAfter(), line.lineAfter(), 0, 0, 0, 0, 1)) {
            throw new LeaseLost(job.getId());
        }
    }
}
