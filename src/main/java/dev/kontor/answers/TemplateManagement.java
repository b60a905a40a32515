package dev.kontor.answers;

import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.answers.internal.PlaceholderValues;
import dev.kontor.answers.internal.PolicyRepository;
import dev.kontor.answers.internal.TemplateRepository;
import dev.kontor.answers.internal.TemplateRepository.Row;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationFailed;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translations;
import dev.kontor.triage.Category;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Templates: kept per client, searched from the composer, filled for a ticket in the customer's language. Every
 * read and write takes the caller's {@link ClientScope}: another client's template does not exist for them.
 */
@Service
@Transactional
public class TemplateManagement {

    static final Pattern SHORTCUT = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,29}$");
    static final int MAX_BODY = 20_000;

    private final TemplateRepository templates;
    private final PolicyRepository policies;
    private final PlaceholderValues values;
    private final TicketQueries tickets;
    private final ClientManagement clients;
    private final Translations translations;
    private final AnswerSettings settings;
    private final Clock clock;

    TemplateManagement(
            TemplateRepository templates,
            PolicyRepository policies,
            PlaceholderValues values,
            TicketQueries tickets,
            ClientManagement clients,
            Translations translations,
            AnswerSettings settings,
            Clock clock) {
        this.templates = templates;
        this.policies = policies;
        this.values = values;
        this.tickets = tickets;
        this.clients = clients;
        this.translations = translations;
        this.settings = settings;
        this.clock = clock;
    }

    /** The templates the caller may see, of one client or (null) of all they serve. */
    @Transactional(readOnly = true)
    public List<TemplateView> templates(ClientScope scope, Long clientId) {
        if (clientId != null) {
            return scope.permits(clientId) ? templates.ofClients(List.of(clientId)) : List.of();
        }
        return templates.ofClients(scope.all() ? null : scope.clientIds());
    }

    @Transactional(readOnly = true)
    public TemplateView template(long id, ClientScope scope) {
        return templates.find(id).filter(t -> scope.permits(t.clientId())).orElseThrow(() -> notFound(id));
    }

    public TemplateView create(ClientScope scope, SaveTemplate command) {
        Row row = checked(null, scope, command);
        try {
            long id = templates.insert(row, clock.instant());
            templates.replaceVariants(id, variants(command), clock.instant());
            return templates.find(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw duplicate(command);
        }
    }

    /** Saves the template as written: every variant given counts as checked by a person from now on. */
    public TemplateView update(long id, ClientScope scope, SaveTemplate command) {
        TemplateView before = template(id, scope);
        Row row = checked(before, scope, command);
        try {
            templates.update(id, row, clock.instant());
        } catch (DuplicateKeyException e) {
            throw duplicate(command);
        }
        templates.replaceVariants(id, variants(command), clock.instant());
        return templates.find(id).orElseThrow();
    }

    public void delete(long id, ClientScope scope) {
        template(id, scope);
        templates.delete(id);
    }

    /** The ticket's client's templates for its store whose name, shortcut, category or text contains the query. */
    @Transactional(readOnly = true)
    public List<TemplateView> search(long ticketId, ClientScope scope, String query) {
        TicketView t = ticket(ticketId, scope);
        return templates.search(t.clientId(), t.storeId(), query, settings.searchLimit());
    }

    /** The template for a category that fits the ticket best (the store's own first, then the most used). */
    @Transactional(readOnly = true)
    public Optional<TemplateView> bestFor(long clientId, long storeId, String category) {
        return category == null ? Optional.empty() : templates.bestFor(clientId, storeId, category);
    }

    /** The template filled for the ticket in its customer's language, as the agent {@code agentName} writes it. */
    public RenderedAnswer render(long templateId, long ticketId, ClientScope scope, String agentName) {
        TicketView t = ticket(ticketId, scope);
        TemplateView template = template(templateId, scope);
        if (template.clientId() != t.clientId()) {
            throw notFound(templateId);
        }
        return render(template, t, agentName);
    }

    /**
     * The template filled for a ticket Kontor answers by itself (a rule). The template must be the ticket's
     * client's; the caller has checked the ticket may be answered.
     */
    public RenderedAnswer renderForTicket(long templateId, TicketView t, String authorName) {
        TemplateView template = templates
                .find(templateId)
                .filter(x -> x.clientId() == t.clientId())
                .orElseThrow(() -> notFound(templateId));
        return render(template, t, authorName);
    }

    /** The agent put the template into a reply: counted for the template's usage. */
    public void used(long templateId, long ticketId, ClientScope scope) {
        TicketView t = ticket(ticketId, scope);
        TemplateView template = template(templateId, scope);
        if (template.clientId() != t.clientId()) {
            throw notFound(templateId);
        }
        templates.used(templateId, clock.instant());
    }

    void usedBy(long templateId) {
        templates.used(templateId, clock.instant());
    }

    /** A store's signatures by language ({@code *}: every language without its own). */
    @Transactional(readOnly = true)
    public Map<String, String> signatures(long storeId, ClientScope scope) {
        store(storeId, scope);
        return policies.signatures(storeId);
    }

    public Map<String, String> setSignatures(long storeId, ClientScope scope, Map<String, String> signatures) {
        store(storeId, scope);
        Map<String, String> clean = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        signatures.forEach((language, text) -> {
            String l = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
            if (!l.equals(PolicyRepository.ANY_LANGUAGE) && !LanguageCode.isKnown(l)) {
                errors.add(new FieldError("signatures." + language, "a two-letter language code or *"));
            } else if (text != null && !text.isBlank()) {
                if (text.length() > 2000) {
                    errors.add(new FieldError("signatures." + language, "at most 2000 characters"));
                }
                clean.put(l, text.strip());
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        policies.replaceSignatures(storeId, clean);
        return policies.signatures(storeId);
    }

    @Transactional(readOnly = true)
    public Optional<Integer> returnDays(long clientId, ClientScope scope) {
        requireClient(clientId, scope);
        return policies.returnDays(clientId);
    }

    /** The client's return window in days, counted from the order date; null forgets it. */
    public void setReturnDays(long clientId, ClientScope scope, Integer days) {
        requireClient(clientId, scope);
        if (days != null && (days < 0 || days > 3650)) {
            throw InvalidInput.of("returnDays", "from 0 to 3650 days");
        }
        policies.setReturnDays(clientId, days);
    }

    private RenderedAnswer render(TemplateView template, TicketView t, String agentName) {
        String wanted = customerLanguage(t);
        String problem = null;
        TemplateView.Variant variant =
                wanted == null ? null : template.variant(wanted).orElse(null);
        if (variant == null) {
            TemplateView.Variant source = source(template);
            if (wanted != null) {
                try {
                    variant = translated(template, source, wanted, t.clientId());
                } catch (TranslationFailed e) {
                    problem = e.getMessage();
                }
            }
            if (variant == null) {
                variant = source;
            }
        }
        var filled = Placeholders.fill(variant.body(), values.of(t, agentName, variant.language()));
        return new RenderedAnswer(
                template.id(),
                template.name(),
                filled.text(),
                variant.language(),
                filled.missing(),
                variant.machineTranslated(),
                variant.translatedFrom(),
                problem);
    }

    /** Translates the template's text (placeholders stay as they are) and keeps it, marked machine-translated. */
    private TemplateView.Variant translated(
            TemplateView template, TemplateView.Variant source, String language, long clientId) {
        Translation done = translations.translate(
                clientId,
                TranslationRequest.of(new LanguageCode(language), source.body())
                        .from(new LanguageCode(source.language())));
        templates.addMachineVariant(
                template.id(), language, done.texts().get(0), source.language(), done.provider(), clock.instant());
        return templates.find(template.id()).orElseThrow().variant(language).orElseThrow();
    }

    /** The variant translations start from: the configured source language when there is one, else the first. */
    private TemplateView.Variant source(TemplateView template) {
        return template.variant(settings.sourceLanguage())
                .or(() -> template.variants().stream()
                        .filter(v -> !v.machineTranslated())
                        .findFirst())
                .orElse(template.variants().get(0));
    }

    /** The customer's language as triage or an agent set it; null when not known. */
    static String customerLanguage(TicketView t) {
        return LanguageCode.isKnown(t.language()) ? t.language() : null;
    }

    private Row checked(TemplateView before, ClientScope scope, SaveTemplate c) {
        List<FieldError> errors = new ArrayList<>();
        Long clientId = before != null ? Long.valueOf(before.clientId()) : c.clientId();
        if (clientId == null
                || !scope.permits(clientId)
                || clients.client(clientId).isEmpty()) {
            errors.add(new FieldError("clientId", "unknown client"));
        }
        if (before != null && c.clientId() != null && c.clientId() != before.clientId()) {
            errors.add(new FieldError("clientId", "a template stays with its client"));
        }
        if (c.storeId() != null
                && clients.store(c.storeId())
                        .map(StoreView::clientId)
                        .filter(id -> id.equals(clientId))
                        .isEmpty()) {
            errors.add(new FieldError("storeId", "not a store of this client"));
        }
        String category = blankToNull(c.category());
        if (category != null && Category.fromKey(category).isEmpty()) {
            errors.add(new FieldError("category", "unknown category '" + category + "'"));
        }
        String name = c.name() == null ? "" : c.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "must have 1 to 200 characters"));
        }
        String shortcut = blankToNull(c.shortcut());
        if (shortcut != null) {
            shortcut = shortcut.toLowerCase(Locale.ROOT).replaceFirst("^/", "");
            if (!SHORTCUT.matcher(shortcut).matches()) {
                errors.add(new FieldError("shortcut", "1 to 30 of a-z, 0-9, _ and -"));
            }
        }
        Map<String, String> given = c.variants() == null ? Map.of() : c.variants();
        if (given.values().stream().allMatch(b -> b == null || b.isBlank())) {
            errors.add(new FieldError("variants", "a template needs a text in at least one language"));
        }
        given.forEach((language, body) -> {
            String field = "variants." + language;
            if (!LanguageCode.isKnown(language)) {
                errors.add(new FieldError(field, "not a known two-letter language code"));
            } else if (body != null && body.length() > MAX_BODY) {
                errors.add(new FieldError(field, "at most " + MAX_BODY + " characters"));
            } else if (body != null) {
                List<String> unknown = Placeholders.unknown(body);
                if (!unknown.isEmpty()) {
                    errors.add(new FieldError(field, "unknown placeholder {{" + String.join("}}, {{", unknown) + "}}"));
                }
            }
        });
        if (errors.isEmpty() && clientId != null) {
            Long self = before == null ? null : before.id();
            if (templates
                    .idByName(clientId, name)
                    .filter(id -> !id.equals(self))
                    .isPresent()) {
                errors.add(new FieldError("name", "another template of this client has this name"));
            }
            if (shortcut != null
                    && templates
                            .idByShortcut(clientId, shortcut)
                            .filter(id -> !id.equals(self))
                            .isPresent()) {
                errors.add(new FieldError("shortcut", "another template of this client has this shortcut"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Row(clientId, c.storeId(), category, name, shortcut);
    }

    private static Map<String, String> variants(SaveTemplate c) {
        Map<String, String> out = new LinkedHashMap<>();
        c.variants().forEach((language, body) -> {
            if (body != null && !body.isBlank()) {
                out.put(language, body.strip());
            }
        });
        return out;
    }

    private InvalidInput duplicate(SaveTemplate c) {
        return InvalidInput.of("name", "another template of this client has this name or shortcut");
    }

    private TicketView ticket(long ticketId, ClientScope scope) {
        return tickets.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
    }

    private void store(long storeId, ClientScope scope) {
        clients.store(storeId)
                .filter(s -> scope.permits(s.clientId()))
                .orElseThrow(() -> new NotFound("store " + storeId));
    }

    private void requireClient(long clientId, ClientScope scope) {
        if (!scope.permits(clientId) || clients.client(clientId).isEmpty()) {
            throw new NotFound("client " + clientId);
        }
    }

    private static NotFound notFound(long id) {
        return new NotFound("template " + id);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
