package dev.kontor.web.ticket;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.CurrentUser;
import dev.kontor.accounts.UserView;
import dev.kontor.channels.MailboxManagement;
import dev.kontor.channels.ReplyDeliveries;
import dev.kontor.clients.ClientManagement;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.interpreting.MessageTranslations;
import dev.kontor.interpreting.Reader;
import dev.kontor.interpreting.ReplyTranslations;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.sla.SlaManagement;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.TicketCommands.TranslatedReply;
import dev.kontor.tickets.TicketDetails;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import dev.kontor.triage.Category;
import dev.kontor.triage.TriageManagement;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The ticket page. Every action answers with the workspace fragment (conversation and side panel) to htmx, or
 * redirects back to the page without JavaScript.
 */
@Controller
class TicketPageController {

    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final ClientManagement clients;
    private final CustomerManagement customers;
    private final AccountManagement accounts;
    private final MailboxManagement mail;
    private final ReplyDeliveries deliveries;
    private final TriageManagement triage;
    private final SlaManagement sla;
    private final dev.kontor.rules.RuleManagement rules;
    private final MessageTranslations translations;
    private final ReplyTranslations replyTranslations;

    TicketPageController(
            TicketManagement tickets,
            TicketQueries ticketQueries,
            ClientManagement clients,
            CustomerManagement customers,
            AccountManagement accounts,
            MailboxManagement mail,
            ReplyDeliveries deliveries,
            TriageManagement triage,
            SlaManagement sla,
            dev.kontor.rules.RuleManagement rules,
            MessageTranslations translations,
            ReplyTranslations replyTranslations) {
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.clients = clients;
        this.customers = customers;
        this.accounts = accounts;
        this.mail = mail;
        this.deliveries = deliveries;
        this.triage = triage;
        this.sla = sla;
        this.rules = rules;
        this.translations = translations;
        this.replyTranslations = replyTranslations;
    }

    /** An agent corrects language and category (recorded; automatic triage keeps off the ticket from then on). */
    @PostMapping("/tickets/{id}/triage")
    String correctTriage(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String language,
            @RequestParam(defaultValue = "") String category,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(
                user,
                id,
                htmx,
                model,
                null,
                () -> triage.correct(id, user.scope(), new Actor(user.id(), user.displayName()), language, category));
    }

    @GetMapping("/tickets/{id}")
    String page(
            CurrentUser user,
            @PathVariable long id,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        fill(model, user, id);
        return htmx != null ? "ticket/ticket :: workspace" : "ticket/ticket";
    }

    @PostMapping("/tickets/{id}/reply")
    String reply(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(required = false) String then,
            @RequestParam(defaultValue = "reply") String mode,
            @RequestParam(defaultValue = "") String send,
            @RequestParam(defaultValue = "") String translation,
            @RequestParam(defaultValue = "") String translationLanguage,
            @RequestParam(defaultValue = "") String translateTo,
            @RequestParam(value = "files", required = false) List<MultipartFile> files,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletResponse response)
            throws IOException {
        if (mode.equals("note")) {
            // A note stays with the team in the agent's words: it is never translated outward.
            return note(user, id, body, htmx, model, response);
        }
        TicketStatus status = then == null || then.isBlank()
                ? null
                : TicketStatus.fromKey(then).orElse(null);
        List<NewAttachment> uploads = uploads(files);
        String unfilled = unfilled(send.equals("translated") ? translation : body);
        if (unfilled != null) {
            // A template's placeholder without a value is the agent's to fill in: never sent as a gap.
            model.addAttribute("actionErrors", InvalidInput.of("body", unfilled).errors());
            model.addAttribute("draft", body);
            fill(model, user, id);
            return htmx != null ? "ticket/ticket :: workspace" : "ticket/ticket";
        }
        if (!translateTo.isBlank() && !send.equals("translated") && !send.equals("as-written")) {
            // The composer offered translation: nothing goes out untranslated unless the agent chose so.
            model.addAttribute(
                    "actionErrors",
                    InvalidInput.of("translation", "preview the translation or choose to send without it")
                            .errors());
            model.addAttribute("draft", body);
            fill(model, user, id);
            return htmx != null ? "ticket/ticket :: workspace" : "ticket/ticket";
        }
        if (send.equals("translated")) {
            // Only the (possibly edited) translation goes to the customer; the ticket keeps the agent's text too.
            TranslatedReply reply = new TranslatedReply(
                    translation, translationLanguage, body, translations.readingLanguage(user.id()));
            return sent(
                    response,
                    act(
                            user,
                            id,
                            htmx,
                            model,
                            body,
                            () -> tickets.reply(id, user.scope(), actor(user), checked(reply), status, uploads)),
                    model);
        }
        return sent(
                response,
                act(
                        user,
                        id,
                        htmx,
                        model,
                        body,
                        () -> tickets.reply(id, user.scope(), actor(user), body, status, uploads)),
                model);
    }

    /** The reply in the customer's language (editable) and back in the agent's, before anything is sent. */
    @PostMapping("/tickets/{id}/reply/preview")
    String previewTranslation(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String translateTo,
            Model model) {
        model.addAttribute("ticket", ticketQueries.find(id, user.scope()).orElseThrow(() -> new NotFound("ticket")));
        model.addAttribute("result", replyTranslations.tryPreview(id, user.scope(), user.id(), body, translateTo));
        model.addAttribute("translateTo", translateTo);
        return "ticket/ticket :: translationPreview";
    }

    /** The agent edited the translation: its back-translation again, to check the meaning before sending. */
    @PostMapping("/tickets/{id}/reply/back-translation")
    String checkBackTranslation(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String translation,
            @RequestParam(defaultValue = "") String translationLanguage,
            Model model) {
        model.addAttribute(
                "back",
                replyTranslations.tryBackTranslation(id, user.scope(), user.id(), translation, translationLanguage));
        return "ticket/ticket :: backTranslation";
    }

    /** Makes a customer message's translation for the reader now (after a failure, or when it is still missing). */
    @PostMapping("/tickets/{id}/messages/{messageId}/translation")
    String translateMessage(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable long messageId,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(
                user,
                id,
                htmx,
                model,
                null,
                () -> translations.retry(id, messageId, user.scope(), translations.readingLanguage(user.id())));
    }

    @PostMapping("/tickets/{id}/note")
    String note(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletResponse response) {
        return sent(
                response,
                act(user, id, htmx, model, body, () -> tickets.addNote(id, user.scope(), actor(user), body)),
                model);
    }

    @PostMapping("/tickets/{id}/status")
    String status(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam String status,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        TicketStatus target = TicketStatus.fromKey(status).orElseThrow(() -> InvalidInput.of("status", "unknown"));
        return act(user, id, htmx, model, null, () -> tickets.changeStatus(id, user.scope(), target));
    }

    @PostMapping("/tickets/{id}/assignment")
    String assign(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(required = false) Long assigneeId,
            @RequestParam(required = false) Long teamId,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(user, id, htmx, model, null, () -> tickets.assign(id, user.scope(), assigneeId, teamId));
    }

    @PostMapping("/tickets/{id}/take")
    String take(
            CurrentUser user,
            @PathVariable long id,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        TicketView t = ticketQueries.find(id, user.scope()).orElseThrow(() -> new dev.kontor.shared.NotFound("ticket"));
        return act(user, id, htmx, model, null, () -> tickets.assign(id, user.scope(), user.id(), t.teamId()));
    }

    @PostMapping("/tickets/{id}/priority")
    String priority(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam String priority,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        Priority p = Priority.fromKey(priority).orElseThrow(() -> InvalidInput.of("priority", "unknown"));
        return act(user, id, htmx, model, null, () -> tickets.setPriority(id, user.scope(), p));
    }

    @PostMapping("/tickets/{id}/tags")
    String addTag(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String tag,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(user, id, htmx, model, null, () -> {
            for (String t : tag.split("[,\\s]+")) {
                if (!t.isBlank()) {
                    tickets.addTag(id, user.scope(), t);
                }
            }
            return null;
        });
    }

    @PostMapping("/tickets/{id}/tags/remove")
    String removeTag(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam String tag,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(user, id, htmx, model, null, () -> tickets.removeTag(id, user.scope(), tag));
    }

    /** Puts a reply that is waiting or failed back at the front of the outbox. */
    @PostMapping("/tickets/{id}/messages/{messageId}/resend")
    String resend(CurrentUser user, @PathVariable long id, @PathVariable long messageId) {
        boolean onTicket =
                ticketQueries.details(id, user.scope()).messages().stream().anyMatch(m -> m.id() == messageId);
        if (!onTicket) {
            throw new dev.kontor.shared.NotFound("message " + messageId);
        }
        deliveries.retry(messageId);
        return "redirect:/tickets/" + id + "#m" + messageId;
    }

    /** The e-mail a message came from, byte for byte, as a download. */
    @GetMapping("/tickets/{id}/mail/{inboundId}")
    ResponseEntity<byte[]> originalMail(CurrentUser user, @PathVariable long id, @PathVariable long inboundId) {
        ticketQueries.find(id, user.scope()).orElseThrow(() -> new dev.kontor.shared.NotFound("ticket " + id));
        return mail.originalOnTicket(id, inboundId)
                .orElseThrow(() -> new dev.kontor.shared.NotFound("mail " + inboundId))
                .asDownload();
    }

    @GetMapping("/attachments/{id}")
    ResponseEntity<byte[]> attachment(CurrentUser user, @PathVariable long id) {
        return ticketQueries.attachment(id, user.scope()).asDownload();
    }

    /** Runs one action; an invalid input is shown in the workspace instead of losing the agent's text. */
    private String act(
            CurrentUser user,
            long id,
            String htmx,
            Model model,
            String draft,
            java.util.function.Supplier<Object> action) {
        try {
            action.get();
        } catch (InvalidInput e) {
            model.addAttribute("actionErrors", e.errors());
            model.addAttribute("draft", draft);
            fill(model, user, id);
            return htmx != null ? "ticket/ticket :: workspace" : "ticket/ticket";
        }
        if (htmx == null) {
            return "redirect:/tickets/" + id;
        }
        fill(model, user, id);
        return "ticket/ticket :: workspace";
    }

    private void fill(Model model, CurrentUser user, long id) {
        TicketDetails details = ticketQueries.details(id, user.scope());
        TicketView t = details.ticket();
        model.addAttribute("ticket", t);
        model.addAttribute("messages", details.messages());
        model.addAttribute("client", clients.client(t.clientId()).orElse(null));
        model.addAttribute("store", clients.store(t.storeId()).orElse(null));
        model.addAttribute("channel", clients.channel(t.channelId()).orElse(null));
        model.addAttribute(
                "customer", customers.customer(t.customerId(), user.scope()).orElse(null));
        model.addAttribute(
                "otherTickets",
                ticketQueries.customerTickets(t.customerId(), user.scope(), 11).stream()
                        .filter(o -> o.id() != t.id())
                        .limit(10)
                        .toList());
        List<UserView> agents = accounts.usersServing(t.clientId());
        model.addAttribute("agents", agents);
        model.addAttribute("teams", accounts.teams());
        List<Long> messageIds = details.messages().stream().map(MessageView::id).toList();
        model.addAttribute("deliveries", deliveries.of(messageIds));
        model.addAttribute("originals", messageIds.isEmpty() ? Map.of() : mail.originalsOf(messageIds));
        model.addAttribute("nextStatuses", t.status().nextStatuses());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("categories", Category.values());
        model.addAttribute("sla", sla.ticketSla(id, user.scope()));
        model.addAttribute("firings", rules.firings(id, user.scope()));
        model.addAttribute("triageLanguages", triage.languages());
        model.addAttribute("replyStatuses", List.of(TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.SOLVED));
        Reader reader = translations.reader(user.id());
        boolean through = reader.readsThroughTranslation(t);
        boolean configured = through && translations.configured(t.clientId(), t.language(), reader.language());
        model.addAttribute("readerLanguage", reader.language());
        model.addAttribute("readsThroughTranslation", through);
        model.addAttribute("translationConfigured", configured);
        model.addAttribute("customerLanguage", ReplyTranslations.customerLanguage(t));
        model.addAttribute("translations", configured ? translations.forReader(details, reader) : Map.of());
    }

    /** What the agent still has to fill in: the known placeholders left in the text, or null. */
    private static String unfilled(String text) {
        List<String> left = dev.kontor.answers.Placeholders.used(text).stream()
                .filter(dev.kontor.answers.Placeholders::isKnown)
                .toList();
        return left.isEmpty() ? null : "fill in {{" + String.join("}}, {{", left) + "}} before sending";
    }

    private static TranslatedReply checked(TranslatedReply reply) {
        if (reply.text() == null || reply.text().isBlank()) {
            throw InvalidInput.of("translation", "preview the translation before sending it");
        }
        if (!dev.kontor.shared.LanguageCode.isKnown(reply.language())) {
            throw InvalidInput.of("translationLanguage", "must be a known two-letter language code");
        }
        return reply;
    }

    /** Tells the page to clear the composer, unless the text came back with an error. */
    private static String sent(HttpServletResponse response, String view, Model model) {
        if (!model.containsAttribute("actionErrors")) {
            response.setHeader("HX-Trigger", "kontor:sent");
        }
        return view;
    }

    private static Actor actor(CurrentUser user) {
        return new Actor(user.id(), user.displayName());
    }

    private static List<NewAttachment> uploads(List<MultipartFile> files) throws IOException {
        List<NewAttachment> result = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (!f.isEmpty()) {
                    result.add(new NewAttachment(f.getOriginalFilename(), f.getContentType(), f.getBytes()));
                }
            }
        }
        return result;
    }
}
