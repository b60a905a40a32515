package dev.kontor.answers;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.TeamView;
import dev.kontor.answers.AnswerCommands.AnswerSet;
import dev.kontor.answers.AnswerCommands.ExportedMacro;
import dev.kontor.answers.AnswerCommands.ExportedTemplate;
import dev.kontor.answers.AnswerCommands.SaveMacro;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.answers.AnswerEvents.MacroApplied;
import dev.kontor.answers.internal.MacroRepository;
import dev.kontor.answers.internal.TemplateRepository;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.Tags;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import dev.kontor.triage.Category;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Macros: kept per client, applied to a ticket in one step through the ticket module's commands, and recorded on
 * the ticket as a note and a {@link MacroApplied} event. Also moves a client's templates and macros in and out as
 * one JSON document.
 */
@Service
@Transactional
public class MacroManagement {

    private final MacroRepository macros;
    private final TemplateRepository templateRows;
    private final TemplateManagement templates;
    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final AccountManagement accounts;
    private final ClientManagement clients;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;

    MacroManagement(
            MacroRepository macros,
            TemplateRepository templateRows,
            TemplateManagement templates,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            AccountManagement accounts,
            ClientManagement clients,
            ApplicationEventPublisher events,
            org.springframework.context.MessageSource messages,
            Clock clock) {
        this.messages = messages;
        this.macros = macros;
        this.templateRows = templateRows;
        this.templates = templates;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.accounts = accounts;
        this.clients = clients;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What applying a macro did: {@code changes} in the API's terms ("+vip", "status: solved"), {@code details} the
     * same as kind and value for a page to say in the reader's language, and the reply it prepared.
     */
    public record Applied(List<String> changes, List<Change> details, RenderedAnswer reply) {}

    /** One change: {@code kind} tag_added, tag_removed, priority, category, assigned or status; its new value. */
    public record Change(String kind, String value) {}

    @Transactional(readOnly = true)
    public List<MacroView> macros(ClientScope scope, Long clientId) {
        if (clientId != null) {
            return scope.permits(clientId) ? macros.ofClients(List.of(clientId)) : List.of();
        }
        return macros.ofClients(scope.all() ? null : scope.clientIds());
    }

    @Transactional(readOnly = true)
    public MacroView macro(long id, ClientScope scope) {
        return macros.find(id).filter(m -> scope.permits(m.clientId())).orElseThrow(() -> notFound(id));
    }

    public MacroView create(ClientScope scope, SaveMacro command) {
        SaveMacro m = checked(null, scope, command);
        return macros.find(macros.insert(m, clock.instant())).orElseThrow();
    }

    public MacroView update(long id, ClientScope scope, SaveMacro command) {
        MacroView before = macro(id, scope);
        macros.update(id, checked(before, scope, command), clock.instant());
        return macros.find(id).orElseThrow();
    }

    public void delete(long id, ClientScope scope) {
        macro(id, scope);
        macros.delete(id);
    }

    /**
     * Applies the macro to the ticket: tags, status, priority, category, team and assignee through the ticket's
     * commands, its note, and a note that records what the macro did, written in {@code language} (the agent's, as a
     * note they wrote would be). The reply it prepares is not sent: the agent reads it (missing placeholders shown)
     * and sends it.
     */
    public Applied apply(long macroId, long ticketId, ClientScope scope, Actor actor, java.util.Locale language) {
        tickets.lockForChanges(ticketId);
        TicketView t = ticketQueries.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        MacroView m = macro(macroId, scope);
        if (m.clientId() != t.clientId()) {
            throw notFound(macroId);
        }
        List<String> changes = new ArrayList<>();
        List<Change> details = new ArrayList<>();
        if (!m.addTags().isEmpty() || !m.removeTags().isEmpty()) {
            Set<String> next = new LinkedHashSet<>(t.tags());
            next.addAll(m.addTags());
            m.removeTags().forEach(next::remove);
            if (!List.copyOf(next).equals(t.tags())) {
                t = tickets.setTags(ticketId, scope, List.copyOf(next));
                m.addTags().forEach(x -> changes.add("+" + x));
                m.removeTags().forEach(x -> changes.add("-" + x));
                m.addTags().forEach(x -> details.add(new Change("tag_added", x)));
                m.removeTags().forEach(x -> details.add(new Change("tag_removed", x)));
            }
        }
        if (m.priority() != null && !m.priority().equals(t.priority().key())) {
            t = tickets.setPriority(
                    ticketId, scope, Priority.fromKey(m.priority()).orElseThrow());
            changes.add("priority: " + m.priority());
            details.add(new Change("priority", m.priority()));
        }
        if (m.category() != null && !m.category().equals(t.category())) {
            tickets.correctTriage(ticketId, scope, t.language(), m.category());
            changes.add("category: " + m.category());
            details.add(new Change("category", m.category()));
        }
        if ((m.teamId() != null && !m.teamId().equals(t.teamId()))
                || (m.assigneeId() != null && !m.assigneeId().equals(t.assigneeId()))) {
            t = tickets.assign(
                    ticketId,
                    scope,
                    m.assigneeId() != null ? m.assigneeId() : t.assigneeId(),
                    m.teamId() != null ? m.teamId() : t.teamId());
            changes.add("assigned");
            details.add(new Change(
                    "assigned",
                    t.assigneeId() == null ? "" : accounts.user(t.assigneeId()).displayName()));
        }
        if (m.status() != null && !m.status().equals(t.status().key())) {
            t = tickets.changeStatus(
                    ticketId, scope, TicketStatus.fromKey(m.status()).orElseThrow());
            changes.add("status: " + m.status());
            details.add(new Change("status", m.status()));
        }
        String record = messages.getMessage(
                details.isEmpty() ? "answers.macroNoteUnchanged" : "answers.macroNote",
                new Object[] {m.name(), said(details, language)},
                language);
        tickets.addNote(ticketId, scope, actor, m.note() == null ? record : record + "\n\n" + m.note());
        RenderedAnswer reply = null;
        if (m.templateId() != null && templateRows.find(m.templateId()).isPresent()) {
            reply = templates.render(m.templateId(), ticketId, scope, actor.name());
            templates.usedBy(m.templateId());
        }
        macros.used(macroId);
        events.publishEvent(new MacroApplied(ticketId, t.clientId(), macroId, actor.userId(), List.copyOf(changes)));
        return new Applied(List.copyOf(changes), List.copyOf(details), reply);
    }

    /** The changes in words of the language, as the ticket page says them ("tag vip added, status Solved"). */
    private String said(List<Change> details, java.util.Locale language) {
        List<String> words = new ArrayList<>();
        for (Change c : details) {
            String value = switch (c.kind()) {
                case "priority", "status", "category" ->
                    messages.getMessage(c.kind() + "." + c.value(), null, c.value(), language);
                default -> c.value();
            };
            String key = switch (c.kind()) {
                case "tag_added" -> "answers.change.tagAdded";
                case "tag_removed" -> "answers.change.tagRemoved";
                default -> "answers.change." + c.kind();
            };
            words.add(messages.getMessage(key, new Object[] {value}, language));
        }
        return String.join(", ", words);
    }

    /** The client's templates and macros as one document, for another install or for a new client. */
    @Transactional(readOnly = true)
    public AnswerSet export(long clientId, ClientScope scope) {
        requireClient(clientId, scope);
        List<TemplateView> ts = templates.templates(scope, clientId);
        List<ExportedTemplate> exported = ts.stream()
                .map(t -> new ExportedTemplate(
                        t.name(),
                        t.storeId() == null
                                ? null
                                : clients.store(t.storeId()).map(StoreView::key).orElse(null),
                        t.category(),
                        t.shortcut(),
                        t.variants().stream()
                                .filter(v -> !v.machineTranslated())
                                .collect(java.util.stream.Collectors.toMap(
                                        TemplateView.Variant::language,
                                        TemplateView.Variant::body,
                                        (a, b) -> a,
                                        java.util.TreeMap::new))))
                .toList();
        List<ExportedMacro> ms = macros.ofClients(List.of(clientId)).stream()
                .map(m -> new ExportedMacro(
                        m.name(),
                        ts.stream()
                                .filter(t -> Objects.equals(t.id(), m.templateId()))
                                .map(TemplateView::name)
                                .findFirst()
                                .orElse(null),
                        m.addTags(),
                        m.removeTags(),
                        m.status(),
                        m.priority(),
                        m.category(),
                        m.note()))
                .toList();
        return new AnswerSet(exported, ms);
    }

    /** What an import did. */
    public record Imported(int templatesCreated, int templatesUpdated, int macrosCreated, int macrosUpdated) {}

    /**
     * Takes a document as {@link #export} writes it: templates and macros are matched by name (updated when they
     * exist). All or nothing: the first bad entry names its place ({@code templates[2].variants.de}) and nothing
     * is kept.
     */
    public Imported importSet(long clientId, ClientScope scope, AnswerSet set) {
        requireClient(clientId, scope);
        if (set == null) {
            throw InvalidInput.of("body", "a document with templates and macros");
        }
        int tc = 0;
        int tu = 0;
        int mc = 0;
        int mu = 0;
        List<ExportedTemplate> ts = set.templates() == null ? List.of() : set.templates();
        for (int i = 0; i < ts.size(); i++) {
            ExportedTemplate t = ts.get(i);
            String at = "templates[" + i + "]";
            if (t == null) {
                throw InvalidInput.of(at, "missing");
            }
            Long storeId = null;
            if (t.storeKey() != null && !t.storeKey().isBlank()) {
                storeId = clients.storeByKey(t.storeKey().strip())
                        .filter(s -> s.clientId() == clientId)
                        .map(StoreView::id)
                        .orElseThrow(() -> InvalidInput.of(at + ".storeKey", "not a store of this client"));
            }
            SaveTemplate command =
                    new SaveTemplate(clientId, storeId, t.category(), t.name(), t.shortcut(), t.variants());
            var existing = t.name() == null
                    ? java.util.Optional.<Long>empty()
                    : templateRows.idByName(clientId, t.name().strip());
            try {
                if (existing.isPresent()) {
                    templates.update(existing.get(), scope, command);
                    tu++;
                } else {
                    templates.create(scope, command);
                    tc++;
                }
            } catch (InvalidInput e) {
                throw prefixed(at, e);
            }
        }
        List<ExportedMacro> ms = set.macros() == null ? List.of() : set.macros();
        for (int i = 0; i < ms.size(); i++) {
            ExportedMacro m = ms.get(i);
            String at = "macros[" + i + "]";
            if (m == null) {
                throw InvalidInput.of(at, "missing");
            }
            Long templateId = null;
            if (m.template() != null && !m.template().isBlank()) {
                templateId = templateRows
                        .idByName(clientId, m.template().strip())
                        .orElseThrow(
                                () -> InvalidInput.of(at + ".template", "no template of this client has this name"));
            }
            SaveMacro command = new SaveMacro(
                    clientId,
                    m.name(),
                    templateId,
                    m.addTags(),
                    m.removeTags(),
                    m.status(),
                    m.priority(),
                    m.category(),
                    null,
                    null,
                    m.note());
            var existing = m.name() == null
                    ? java.util.Optional.<Long>empty()
                    : macros.idByName(clientId, m.name().strip());
            try {
                if (existing.isPresent()) {
                    update(existing.get(), scope, command);
                    mu++;
                } else {
                    create(scope, command);
                    mc++;
                }
            } catch (InvalidInput e) {
                throw prefixed(at, e);
            }
        }
        return new Imported(tc, tu, mc, mu);
    }

    private SaveMacro checked(MacroView before, ClientScope scope, SaveMacro c) {
        List<FieldError> errors = new ArrayList<>();
        Long clientId = before != null ? Long.valueOf(before.clientId()) : c.clientId();
        if (clientId == null
                || !scope.permits(clientId)
                || clients.client(clientId).isEmpty()) {
            errors.add(new FieldError("clientId", "unknown client"));
        }
        if (before != null && c.clientId() != null && c.clientId() != before.clientId()) {
            errors.add(new FieldError("clientId", "a macro stays with its client"));
        }
        String name = c.name() == null ? "" : c.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "must have 1 to 200 characters"));
        }
        if (c.templateId() != null
                && templateRows
                        .find(c.templateId())
                        .filter(t -> t.clientId() == (clientId == null ? -1 : clientId))
                        .isEmpty()) {
            errors.add(new FieldError("templateId", "not a template of this client"));
        }
        List<String> add = tags("addTags", c.addTags(), errors);
        List<String> remove = tags("removeTags", c.removeTags(), errors);
        String status = key(c.status());
        if (status != null
                && TicketStatus.fromKey(status)
                        .filter(s -> s != TicketStatus.NEW)
                        .isEmpty()) {
            errors.add(new FieldError("status", "open, pending, on_hold, solved or closed"));
        }
        String priority = key(c.priority());
        if (priority != null && Priority.fromKey(priority).isEmpty()) {
            errors.add(new FieldError("priority", "unknown priority"));
        }
        String category = key(c.category());
        if (category != null && Category.fromKey(category).isEmpty()) {
            errors.add(new FieldError("category", "unknown category"));
        }
        if (c.teamId() != null && accounts.teams().stream().map(TeamView::id).noneMatch(c.teamId()::equals)) {
            errors.add(new FieldError("teamId", "unknown team"));
        }
        if (c.assigneeId() != null
                && clientId != null
                && accounts.usersServing(clientId).stream().noneMatch(u -> u.id() == c.assigneeId())) {
            errors.add(new FieldError("assigneeId", "is not an active user serving this client"));
        }
        String note = TemplateManagement.blankToNull(c.note());
        if (note != null && note.length() > 10_000) {
            errors.add(new FieldError("note", "at most 10000 characters"));
        }
        if (c.templateId() == null
                && add.isEmpty()
                && remove.isEmpty()
                && status == null
                && priority == null
                && category == null
                && c.teamId() == null
                && c.assigneeId() == null
                && note == null) {
            errors.add(new FieldError("templateId", "a macro needs a template or at least one action"));
        }
        if (errors.isEmpty()) {
            Long self = before == null ? null : before.id();
            if (macros.idByName(clientId, name).filter(id -> !id.equals(self)).isPresent()) {
                errors.add(new FieldError("name", "another macro of this client has this name"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new SaveMacro(
                clientId,
                name,
                c.templateId(),
                add,
                remove,
                status,
                priority,
                category,
                c.teamId(),
                c.assigneeId(),
                note);
    }

    private static List<String> tags(String field, List<String> raw, List<FieldError> errors) {
        if (raw == null) {
            return List.of();
        }
        try {
            return Tags.normalize(raw);
        } catch (InvalidInput e) {
            errors.add(new FieldError(field, e.errors().get(0).message()));
            return List.of();
        }
    }

    private static String key(String s) {
        String v = TemplateManagement.blankToNull(s);
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    private void requireClient(long clientId, ClientScope scope) {
        if (!scope.permits(clientId) || clients.client(clientId).isEmpty()) {
            throw new NotFound("client " + clientId);
        }
    }

    private static InvalidInput prefixed(String at, InvalidInput e) {
        return new InvalidInput(e.errors().stream()
                .map(f -> new FieldError(at + "." + f.field(), f.message()))
                .toList());
    }

    private static NotFound notFound(long id) {
        return new NotFound("macro " + id);
    }
}
