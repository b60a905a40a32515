package dev.kontor.web.inbox;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import dev.kontor.clients.ClientManagement;
import dev.kontor.tickets.InboxPage;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

/** The shared inbox: one page for every view; htmx asks for the rows fragment only. */
@Controller
class InboxController {

    static final int PAGE_SIZE = 50;
    static final int EXPORT_LIMIT = 10_000;

    private final TicketQueries tickets;
    private final ClientManagement clients;
    private final TicketRows rows;
    private final dev.kontor.interpreting.MessageTranslations translations;
    private final AuditLog audit;

    InboxController(
            TicketQueries tickets,
            ClientManagement clients,
            TicketRows rows,
            AuditLog audit,
            dev.kontor.interpreting.MessageTranslations translations) {
        this.translations = translations;
        this.tickets = tickets;
        this.clients = clients;
        this.rows = rows;
        this.audit = audit;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/inbox";
    }

    @GetMapping("/inbox")
    String inbox(
            CurrentUser user,
            @ModelAttribute("filter") InboxFilter filter,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        InboxPage page = tickets.inbox(filter.toQuery(user, PAGE_SIZE), user.scope());
        model.addAttribute("rows", rows.rows(page.tickets(), user.scope()));
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("reader", translations.reader(user.id()));
        if (htmx != null) {
            return "inbox/inbox :: rows";
        }
        model.addAttribute("clients", clients.clients(user.scope()));
        model.addAttribute("stores", clients.stores(user.scope()));
        model.addAttribute(
                "channels",
                clients.allChannels(user.scope()).stream()
                        .filter(c -> c.kind() != dev.kontor.clients.ChannelKind.API)
                        .toList());
        model.addAttribute("statuses", TicketStatus.values());
        return "inbox/inbox";
    }

    /** The current view as CSV (at most 10,000 rows), with the same client scope as the page. */
    @GetMapping("/inbox/export.csv")
    void export(CurrentUser user, @ModelAttribute("filter") InboxFilter filter, HttpServletResponse response)
            throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"tickets.csv\"");
        PrintWriter out = new PrintWriter(response.getOutputStream(), false, StandardCharsets.UTF_8);
        out.println(
                "number,status,priority,subject,client,store,customer,assignee,language,category,tags,created,updated");
        String cursor = null;
        int written = 0;
        do {
            InboxFilter pageFilter = new InboxFilter(
                    filter.view(),
                    filter.client(),
                    filter.store(),
                    filter.channel(),
                    filter.status(),
                    filter.tag(),
                    filter.q(),
                    filter.sort(),
                    cursor);
            InboxPage page = tickets.inbox(pageFilter.toQuery(user, 200), user.scope());
            for (TicketRow r : rows.rows(page.tickets(), user.scope())) {
                var t = r.ticket();
                out.println(String.join(
                        ",",
                        Long.toString(t.number()),
                        t.status().key(),
                        t.priority().key(),
                        csv(t.subject()),
                        csv(r.clientName()),
                        csv(r.storeName()),
                        csv(r.customerName()),
                        csv(r.assigneeName()),
                        csv(t.language()),
                        csv(t.category()),
                        csv(String.join(" ", t.tags())),
                        t.createdAt().toString(),
                        t.updatedAt().toString()));
                written++;
            }
            cursor = page.nextCursor();
        } while (cursor != null && written < EXPORT_LIMIT);
        out.flush();
        audit.record(
                AuditKind.EXPORTED,
                null,
                "tickets.csv, " + written + " rows (view " + filter.view() + ", client " + filter.client() + ", status "
                        + filter.status() + ", search " + filter.q() + ")");
    }

    /** Quotes a CSV field, and defuses spreadsheet formulas (a subject starting with "=" stays text). */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
