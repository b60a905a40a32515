package dev.kontor.drafts;

import dev.kontor.answers.AnswerSettings;
import dev.kontor.answers.RenderedAnswer;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.answers.TemplateView;
import dev.kontor.clients.ChannelKind;
import dev.kontor.clients.ClientManagement;
import dev.kontor.drafts.Draft.Flag;
import dev.kontor.drafts.Draft.Kind;
import dev.kontor.drafts.Draft.Source;
import dev.kontor.drafts.internal.DraftFacts;
import dev.kontor.drafts.internal.DraftPrompts;
import dev.kontor.drafts.internal.DraftRepository;
import dev.kontor.drafts.internal.Guardrails;
import dev.kontor.knowledge.KnowledgeBase;
import dev.kontor.knowledge.PolicyArticle;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.orders.OrderView;
import dev.kontor.shared.CleanedMessage;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketDetails;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import dev.kontor.triage.Triage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Drafts replies for agents. A model writes the draft when the install has one and the ticket's client allows it;
 * otherwise, and whenever the model fails, the draft is the category's best template filled with the ticket's data
 * in the customer's language, saying why. Every draft passes the {@link Guardrails} before it is shown, is recorded
 * for evaluation, and is never sent: the agent edits or approves it in the composer.
 *
 * <p>Not transactional: a model may take seconds, and no database connection waits for it.
 */
@Service
public class DraftManagement {

    private static final Logger log = LoggerFactory.getLogger(DraftManagement.class);

    static final Set<ChannelKind> MARKETPLACES = EnumSet.of(ChannelKind.MIRAKL, ChannelKind.AMAZON, ChannelKind.EBAY);
    /** A policy article longer than this goes to the model cut (its start usually states the rule). */
    private static final int MAX_POLICY = 4000;

    private static final Pattern DOMAIN =
            Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    private final TicketQueries tickets;
    private final OrderManagement orders;
    private final ClientManagement clients;
    private final TemplateManagement templates;
    private final Triage triage;
    private final KnowledgeBase knowledge;
    private final DraftRepository repository;
    private final DraftModel model;
    private final DraftSettings settings;
    private final AnswerSettings answerSettings;
    private final Clock clock;

    DraftManagement(
            TicketQueries tickets,
            OrderManagement orders,
            ClientManagement clients,
            TemplateManagement templates,
            Triage triage,
            KnowledgeBase knowledge,
            DraftRepository repository,
            DraftModel model,
            DraftSettings settings,
            AnswerSettings answerSettings,
            Clock clock) {
        this.tickets = tickets;
        this.orders = orders;
        this.clients = clients;
        this.templates = templates;
        this.triage = triage;
        this.knowledge = knowledge;
        this.repository = repository;
        this.model = model;
        this.settings = settings;
        this.answerSettings = answerSettings;
        this.clock = clock;
    }

    /** A draft for the ticket, written for the agent {@code userId} named {@code agentName}. */
    public Draft draft(long ticketId, ClientScope scope, Long userId, String agentName) {
        return draft(ticketId, scope, userId, agentName, model);
    }

    /** As {@link #draft(long, ClientScope, Long, String)}, with the given model (tests, evaluation). */
    public Draft draft(long ticketId, ClientScope scope, Long userId, String agentName, DraftModel with) {
        TicketDetails details = tickets.details(ticketId, scope);
        TicketView t = details.ticket();
        String language = language(t, details.messages());
        Optional<OrderData> order = order(t);
        Optional<TemplateView> template = templates.bestFor(t.clientId(), t.storeId(), t.category());
        RenderedAnswer filled = template.map(x -> templates.render(x.id(), ticketId, scope, agentName))
                .orElse(null);
        Integer returnDays = templates.returnDays(t.clientId(), scope).orElse(null);
        ClientDraftSettings clientSettings = settings(t.clientId());
        boolean marketplace = clients.channel(t.channelId())
                .map(c -> MARKETPLACES.contains(c.kind()))
                .orElse(false);

        List<String> conversation = conversation(details.messages());
        List<DraftPrompts.Policy> policies = policies(t, language, returnDays, order.orElse(null));
        String policyText = String.join(
                "\n", policies.stream().map(DraftPrompts.Policy::body).toList());

        String fallback = fallbackReason(with, clientSettings);
        String failure = null;
        String failureDetail = null;
        if (fallback == null) {
            DraftPrompts.Context context = new DraftPrompts.Context(
                    t, language, conversation, order.orElse(null), policies, filled, marketplace, agentName);
            try {
                DraftModel.Answer answer = with.write(DraftPrompts.of(context));
                repository.modelSucceeded(clock.instant());
                List<Source> sources = new ArrayList<>();
                sources.add(new Source("conversation", String.valueOf(t.number()), conversationLabel(conversation)));
                order.ifPresent(o -> sources.add(orderSource(o)));
                policies.forEach(p -> sources.add(new Source("policy", p.ref(), p.title())));
                if (filled != null) {
                    sources.add(new Source("template", String.valueOf(filled.templateId()), filled.templateName()));
                }
                return finish(
                        t,
                        language,
                        Kind.MODEL,
                        language,
                        answer.text(),
                        with.name(),
                        filled == null ? null : filled.templateId(),
                        null,
                        null,
                        null,
                        sources,
                        List.of(),
                        conversation,
                        policyText,
                        returnDays,
                        order.orElse(null),
                        filled,
                        clientSettings,
                        marketplace,
                        userId,
                        answer.promptTokens(),
                        answer.completionTokens());
            } catch (ModelFailed e) {
                repository.modelFailed(e.reason().key(), e.detail(), clock.instant());
                log.warn(
                        "The draft model failed for ticket {}: {} ({})",
                        ticketId,
                        e.reason().key(),
                        e.detail());
                fallback = "model_failed";
                failure = e.reason().key();
                failureDetail = e.detail();
            }
        }
        List<Source> sources = new ArrayList<>();
        if (filled != null) {
            sources.add(new Source("template", String.valueOf(filled.templateId()), filled.templateName()));
            order.ifPresent(o -> sources.add(orderSource(o)));
        }
        return finish(
                t,
                language,
                Kind.TEMPLATE,
                filled == null ? language : filled.language(),
                filled == null ? "" : filled.text(),
                null,
                filled == null ? null : filled.templateId(),
                fallback,
                failure,
                failureDetail,
                sources,
                filled == null ? List.of() : filled.missing(),
                conversation,
                policyText,
                returnDays,
                order.orElse(null),
                filled,
                clientSettings,
                marketplace,
                userId,
                null,
                null);
    }

    private Draft finish(
            TicketView t,
            String customerLanguage,
            Kind kind,
            String language,
            String text,
            String modelName,
            Long templateId,
            String fallback,
            String failure,
            String failureDetail,
            List<Source> sources,
            List<String> missing,
            List<String> conversation,
            String policyText,
            Integer returnDays,
            OrderData order,
            RenderedAnswer filled,
            ClientDraftSettings clientSettings,
            boolean marketplace,
            Long userId,
            Integer promptTokens,
            Integer completionTokens) {
        List<Flag> flags = List.of();
        if (!text.isBlank()) {
            List<String> sourceTexts = new ArrayList<>(conversation);
            sourceTexts.add(policyText);
            sourceTexts.add(t.number() + " " + t.subject());
            if (filled != null && kind == Kind.MODEL) {
                sourceTexts.add(filled.text());
            }
            String detected = triage.analyze(t.clientId(), null, text).language();
            // Checked against the customer's language: a template without their variant is flagged, not excused.
            DraftFacts facts = DraftFacts.of(
                    customerLanguage,
                    detected,
                    marketplace,
                    order,
                    t.orderRefs(),
                    sourceTexts,
                    returnDays,
                    policyText,
                    filled == null ? null : filled.text(),
                    clientSettings.linkDomains(),
                    answerSettings.zone());
            flags = Guardrails.check(text, facts);
        }
        Draft draft = new Draft(
                0,
                t.id(),
                kind,
                language,
                text,
                modelName,
                templateId,
                fallback,
                failure,
                failureDetail,
                List.copyOf(sources),
                flags,
                List.copyOf(missing),
                clock.instant());
        long id = repository.record(draft, t.clientId(), userId, promptTokens, completionTokens, clock.instant());
        return new Draft(
                id,
                draft.ticketId(),
                kind,
                language,
                text,
                modelName,
                templateId,
                fallback,
                failure,
                failureDetail,
                draft.sources(),
                flags,
                draft.missing(),
                draft.createdAt());
    }

    /** Why the template is used instead of a model, or null when the model may write. */
    private static String fallbackReason(DraftModel with, ClientDraftSettings client) {
        if (!with.configured()) {
            return "not_configured";
        }
        if (client.policy() == ModelPolicy.NEVER) {
            return "client_never";
        }
        if (!client.policy().permits(with.location())) {
            return "cloud_forbidden";
        }
        return null;
    }

    /** The customer's language: triage's or an agent's, else read from the customer's last message. */
    private String language(TicketView t, List<MessageView> messages) {
        if (LanguageCode.isKnown(t.language())) {
            return t.language();
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            MessageView m = messages.get(i);
            if (m.kind() == MessageKind.INBOUND && m.bodyText() != null) {
                String l = triage.analyze(t.clientId(), null, m.bodyText()).language();
                if (LanguageCode.isKnown(l)) {
                    return l;
                }
            }
        }
        return answerSettings.sourceLanguage();
    }

    /** The conversation as the customer and the team wrote it, without quotes and signatures; notes stay inside. */
    private static List<String> conversation(List<MessageView> messages) {
        List<String> out = new ArrayList<>();
        for (MessageView m : messages) {
            if (m.kind() == MessageKind.NOTE || m.bodyText() == null) {
                continue;
            }
            String text = CleanedMessage.textOf(m.bodyText()).strip();
            if (text.length() > 2000) {
                text = text.substring(0, 2000) + " …";
            }
            out.add((m.kind() == MessageKind.INBOUND ? "Customer: " : "Team: ") + text);
        }
        // The latest messages matter most; a long thread keeps its last ten.
        return out.size() > 10 ? out.subList(out.size() - 10, out.size()) : out;
    }

    private static String conversationLabel(List<String> conversation) {
        return conversation.size() + " messages";
    }

    private static Source orderSource(OrderData o) {
        String number = o.commercialId() != null ? o.commercialId() : o.orderId();
        return new Source("order", number, number);
    }

    /** The first order the ticket is about that Kontor has a snapshot of (no call to the channel). */
    private Optional<OrderData> order(TicketView t) {
        for (String ref : t.orderRefs()) {
            String id = orders.resolve(t.clientId(), ref).orElse(ref);
            Optional<OrderView> known = orders.known(t.clientId(), t.channelId(), id);
            if (known.isPresent()) {
                return known.map(OrderView::order);
            }
        }
        return Optional.empty();
    }

    /** The client's policy the draft may promise: its return window (answers) and its policy articles (knowledge). */
    private List<DraftPrompts.Policy> policies(TicketView t, String language, Integer returnDays, OrderData order) {
        List<DraftPrompts.Policy> out = new ArrayList<>();
        if (returnDays != null) {
            String until = order == null || order.createdAt() == null
                    ? ""
                    : " (until "
                            + order.createdAt()
                                    .plus(returnDays, java.time.temporal.ChronoUnit.DAYS)
                                    .atZone(answerSettings.zone())
                                    .toLocalDate()
                            + ")";
            out.add(new DraftPrompts.Policy(
                    "return_days",
                    "Return window",
                    "Returns are accepted within " + returnDays + " days of the order date" + until + "."));
        }
        for (PolicyArticle a : knowledge.policiesFor(t.clientId(), t.category(), language)) {
            String body = a.body().length() > MAX_POLICY ? a.body().substring(0, MAX_POLICY) + " …" : a.body();
            out.add(new DraftPrompts.Policy(String.valueOf(a.id()), a.title(), body));
        }
        return out;
    }

    // --- settings and status ---

    public ClientDraftSettings settings(long clientId) {
        return repository.settings(clientId).orElse(ClientDraftSettings.defaults(clientId));
    }

    public ClientDraftSettings settings(long clientId, ClientScope scope) {
        requireClient(clientId, scope);
        return settings(clientId);
    }

    /** Saves a client's setting; {@code linkDomains} one per line or separated by commas or spaces. */
    public ClientDraftSettings saveSettings(long clientId, ClientScope scope, String policy, String linkDomains) {
        requireClient(clientId, scope);
        List<FieldError> errors = new ArrayList<>();
        // The API shows the policy as its name (NEVER); the form sends the key (never): both are fine.
        Optional<ModelPolicy> p =
                ModelPolicy.fromKey(policy == null ? "" : policy.strip().toLowerCase(Locale.ROOT));
        if (p.isEmpty()) {
            errors.add(new FieldError("policy", "one of allowed, local_only, never"));
        }
        List<String> domains = new ArrayList<>();
        for (String d : (linkDomains == null ? "" : linkDomains).split("[\\s,]+")) {
            String clean = d.strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceFirst("^https?://", "")
                    .replaceFirst("/.*$", "");
            if (clean.isEmpty()) {
                continue;
            }
            if (!DOMAIN.matcher(clean).matches()) {
                errors.add(new FieldError("linkDomains", "'" + d.strip() + "' is not a domain like shop.example"));
            } else if (!domains.contains(clean)) {
                domains.add(clean);
            }
        }
        if (domains.size() > 50) {
            errors.add(new FieldError("linkDomains", "at most 50 domains"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        ClientDraftSettings saved = new ClientDraftSettings(clientId, p.get(), List.copyOf(domains));
        repository.saveSettings(saved, clock.instant());
        return saved;
    }

    /** The install's model as the admin sees it: where it is (never the key), and how it has been answering. */
    public ModelStatus status() {
        String host = null;
        if (settings.configured()) {
            try {
                host = java.net.URI.create(settings.baseUrl().strip()).getHost();
            } catch (IllegalArgumentException e) {
                host = "?";
            }
        }
        return new ModelStatus(
                model.configured(),
                model.configured() ? model.name() : null,
                host,
                settings.location().name().toLowerCase(Locale.ROOT),
                repository.health(),
                repository.counts(null).stream()
                        .map(c -> new ModelStatus.Count(c.kind(), c.drafts(), c.flagged()))
                        .toList());
    }

    private void requireClient(long clientId, ClientScope scope) {
        if (!scope.permits(clientId) || clients.client(clientId).isEmpty()) {
            throw new NotFound("client " + clientId);
        }
    }
}
