package dev.kontor.rules.internal;

import static dev.kontor.rules.db.Tables.NOTIFICATION;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.answers.RenderedAnswer;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.customers.CustomerView;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.routing.RoutingOutcome;
import dev.kontor.rules.RuleSettings;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.NotFound;
import dev.kontor.sla.SlaManagement;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Carries out a rule's actions on a ticket through the modules that own the change, and says what each did, as
 * "code:detail" outcomes the ticket page shows.
 */
@Component
class Effects {

    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final SlaManagement sla;
    private final RoutingManagement routing;
    private final AccountManagement accounts;
    private final CustomerManagement customers;
    private final TemplateManagement templates;
    private final DSLContext db;
    private final RuleSettings settings;
    private final Clock clock;

    Effects(
            TicketManagement tickets,
            TicketQueries ticketQueries,
            SlaManagement sla,
            RoutingManagement routing,
            AccountManagement accounts,
            CustomerManagement customers,
            TemplateManagement templates,
            DSLContext db,
            RuleSettings settings,
            Clock clock) {
        this.templates = templates;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.sla = sla;
        this.routing = routing;
        this.accounts = accounts;
        this.customers = customers;
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What an action did: its outcomes and the ticket after it, when the command that changed it returned it (or
     * it did not change); null when it changed in a way this does not see, so the caller reads it again.
     */
    record Applied(List<String> outcomes, TicketView ticket) {}

    /** Carries out the action on the ticket as the caller last saw it ({@code t}, locked by the caller). */
    Applied apply(Act act, TicketView t, String ruleName, Facts facts) {
        long ticketId = t.id();
        ClientScope all = ClientScope.everything();
        if (act instanceof Act.SetCategory a) {
            boolean same = a.category().equals(t.category());
            tickets.categorize(ticketId, a.category());
            return new Applied(List.of(changed(same, "category:" + a.category())), same ? t : null);
        }
        if (act instanceof Act.SetPriority a) {
            TicketView after = tickets.setPriority(ticketId, all, a.priority());
            return new Applied(
                    List.of(changed(
                            a.priority() == t.priority(),
                            "priority:" + a.priority().key())),
                    after);
        }
        if (act instanceof Act.AddTags a) {
            List<String> added =
                    a.tags().stream().filter(x -> !t.tags().contains(x)).toList();
            List<String> next = new ArrayList<>(t.tags());
            next.addAll(added);
            TicketView after = tickets.setTags(ticketId, all, next);
            return new Applied(
                    List.of(added.isEmpty() ? "unchanged:add_tags" : "tag_added:" + String.join(", ", added)), after);
        }
        if (act instanceof Act.RemoveTags a) {
            List<String> removed = t.tags().stream().filter(a.tags()::contains).toList();
            TicketView after = tickets.setTags(
                    ticketId,
                    all,
                    t.tags().stream().filter(x -> !a.tags().contains(x)).toList());
            return new Applied(
                    List.of(removed.isEmpty() ? "unchanged:remove_tags" : "tag_removed:" + String.join(", ", removed)),
                    after);
        }
        if (act instanceof Act.SetTeam a) {
            return new Applied(
                    List.of("team:" + routing.place(ticketId, a.teamId()).name()), null);
        }
        if (act instanceof Act.AssignBy a) {
            return new Applied(
                    List.of("team:" + routing.place(ticketId, a.teamId()).name()), null);
        }
        if (act instanceof Act.AssignAgent a) {
            TicketView after = tickets.assign(ticketId, all, a.userId(), t.teamId());
            return new Applied(List.of("assigned:" + accounts.user(a.userId()).displayName()), after);
        }
        if (act instanceof Act.Unassign) {
            TicketView after = tickets.assign(ticketId, all, null, t.teamId());
            return new Applied(List.of(t.assigneeId() == null ? "unchanged:unassign" : "unassigned"), after);
        }
        if (act instanceof Act.SetStatus a) {
            TicketView after = tickets.changeStatus(ticketId, all, a.status());
            return new Applied(
                    List.of(changed(
                            a.status() == t.status(), "status:" + a.status().key())),
                    after);
        }
        if (act instanceof Act.ApplySlaPolicy a) {
            sla.applyPolicy(ticketId, a.policyId());
            return new Applied(
                    List.of("sla_policy:"
                            + sla.policy(a.policyId()).map(p -> p.name()).orElse("#" + a.policyId())),
                    null);
        }
        if (act instanceof Act.AddNote a) {
            tickets.addNote(ticketId, all, new Actor(null, ruleName), fill(a.text(), t));
            return new Applied(List.of("note"), null);
        }
        if (act instanceof Act.AutoReply a) {
            List<String> outcomes = autoReply(a, t, facts);
            return new Applied(outcomes, outcomes.equals(List.of("auto_reply")) ? null : t);
        }
        if (act instanceof Act.ReplyWithTemplate a) {
            List<String> outcomes = replyWithTemplate(a, t);
            return new Applied(outcomes, outcomes.get(0).startsWith("reply_template:") ? null : t);
        }
        if (act instanceof Act.Notify a) {
            // A notification is the agents', not the ticket's: the ticket stays as it was.
            return new Applied(notify(a, t, ruleName), t);
        }
        throw new IllegalStateException("unknown action " + act);
    }

    private List<String> autoReply(Act.AutoReply a, TicketView t, Facts facts) {
        String blocked = autoReplyBlocked(t);
        if (blocked != null) {
            return List.of("auto_reply_skipped:" + blocked);
        }
        tickets.autoReply(t.id(), settings.autoReplyName(), fill(a.text(), t));
        return List.of("auto_reply");
    }

    /**
     * Sends the template filled for the ticket under the auto-reply guards. A placeholder without a value (no
     * tracking yet) or a language nobody could make skips it: an automatic answer is never sent with a gap or in a
     * language the customer did not write in.
     */
    private List<String> replyWithTemplate(Act.ReplyWithTemplate a, TicketView t) {
        String blocked = autoReplyBlocked(t);
        if (blocked != null) {
            return List.of("reply_template_skipped:" + blocked);
        }
        RenderedAnswer answer;
        try {
            answer = templates.renderForTicket(a.templateId(), t, settings.autoReplyName());
        } catch (NotFound e) {
            return List.of("reply_template_skipped:no template");
        }
        if (!answer.complete()) {
            return List.of("reply_template_skipped:" + answer.missingText());
        }
        if (answer.translationProblem() != null) {
            return List.of("reply_template_skipped:" + answer.translationProblem());
        }
        tickets.autoReply(t.id(), settings.autoReplyName(), answer.text());
        templates.used(a.templateId(), t.id(), ClientScope.everything());
        return List.of("reply_template:" + answer.templateName());
    }

    /** Why Kontor must not answer by itself now (closed, an automatic sender, answered recently), or null. */
    private String autoReplyBlocked(TicketView t) {
        if (t.status() == TicketStatus.CLOSED) {
            return "closed";
        }
        var latest = ticketQueries.latestCustomerMessage(t.id());
        if (latest.isPresent() && latest.get().automated()) {
            return "automatic";
        }
        String address =
                customers.customer(t.customerId()).map(CustomerView::email).orElse(null);
        if (address != null && robot(address)) {
            return "automatic";
        }
        Instant last = ticketQueries.lastAutoReplyAt(t.id()).orElse(null);
        if (last != null && last.plus(settings.autoReplyQuietPeriod()).isAfter(clock.instant())) {
            return "recent";
        }
        return null;
    }

    /** Addresses that never read what they get: answering them starts a mail loop. */
    static boolean robot(String address) {
        String local = address.substring(0, Math.max(0, address.indexOf('@'))).toLowerCase(Locale.ROOT);
        return local.startsWith("mailer-daemon")
                || local.startsWith("postmaster")
                || local.matches("^(no-?reply|do-?not-?reply|donotreply|bounces?)([+._-].*)?$");
    }

    private List<String> notify(Act.Notify a, TicketView t, String ruleName) {
        Set<Long> users = new LinkedHashSet<>();
        for (String r : a.recipients()) {
            switch (r) {
                case "assignee" -> {
                    if (t.assigneeId() != null) {
                        users.add(t.assigneeId());
                    }
                }
                case "team" -> {
                    if (t.teamId() != null) {
                        users.addAll(accounts.team(t.teamId()).memberIds());
                    }
                }
                default -> users.add(Long.parseLong(r));
            }
        }
        if (users.isEmpty()) {
            return List.of("unchanged:notify");
        }
        // A rule may name anyone, and a team may hold agents of other clients: only those who serve the ticket's
        // client now hear of it (its number, subject and customer are in the text).
        Set<Long> serving = new LinkedHashSet<>();
        accounts.usersServing(t.clientId()).forEach(u -> serving.add(u.id()));
        Set<Long> allowed = new LinkedHashSet<>(users);
        allowed.retainAll(serving);
        Set<Long> refused = new LinkedHashSet<>(users);
        refused.removeAll(serving);
        Instant now = clock.instant();
        String text = fill(a.text(), t);
        for (Long user : allowed) {
            db.insertInto(NOTIFICATION)
                    .set(NOTIFICATION.USER_ID, user)
                    .set(NOTIFICATION.TICKET_ID, t.id())
                    .set(NOTIFICATION.CLIENT_ID, t.clientId())
                    .set(NOTIFICATION.RULE_NAME, ruleName)
                    .set(NOTIFICATION.TEXT, text)
                    .set(NOTIFICATION.CREATED_AT, now)
                    .execute();
        }
        List<String> outcomes = new ArrayList<>();
        if (!allowed.isEmpty()) {
            outcomes.add("notified:"
                    + String.join(", ", accounts.displayNames(allowed).values()));
        }
        if (!refused.isEmpty()) {
            outcomes.add("not_notified:"
                    + String.join(", ", accounts.displayNames(refused).values()));
        }
        return outcomes;
    }

    /** What routing at the end of a run adds to the firing that asked for it (the team was named already). */
    static List<String> routed(RoutingOutcome o) {
        if (o instanceof RoutingOutcome.Assigned a) {
            return List.of("assigned:" + a.name());
        }
        if (o instanceof RoutingOutcome.Waiting w) {
            return List.of("waiting:" + w.teamName());
        }
        return List.of();
    }

    private String fill(String text, TicketView t) {
        String customer = customers
                .customer(t.customerId())
                .map(CustomerView::displayName)
                .orElse("");
        return text.replace("{{ticket.number}}", String.valueOf(t.number()))
                .replace("{{ticket.subject}}", t.subject())
                .replace("{{customer.name}}", customer == null ? "" : customer);
    }

    private static String changed(boolean same, String outcome) {
        return same ? "unchanged:" + outcome.substring(0, outcome.indexOf(':')) : outcome;
    }
}
