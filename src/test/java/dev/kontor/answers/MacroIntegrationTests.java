package dev.kontor.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.answers.AnswerCommands.AnswerSet;
import dev.kontor.answers.AnswerCommands.ExportedMacro;
import dev.kontor.answers.AnswerCommands.ExportedTemplate;
import dev.kontor.answers.AnswerCommands.SaveMacro;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Macros applied to tickets in one step and recorded on them, kept per client, moved in and out as JSON. */
@KontorIntegrationTest
class MacroIntegrationTests {

    static final ClientScope ALL = ClientScope.everything();

    @Autowired
    MacroManagement macros;

    @Autowired
    TemplateManagement templates;

    @Autowired
    TicketQueries tickets;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AnswerFixtures answers;

    private TemplateView returnApproved(ClientView client) {
        return templates.create(
                ALL,
                new SaveTemplate(
                        client.id(),
                        null,
                        "return",
                        "Return approved",
                        "return",
                        Map.of(
                                "en",
                                        "Hello {{customer.first_name}}, your return of order {{order.number}} is approved.",
                                "fr",
                                        "Bonjour {{customer.first_name}}, le retour de la commande {{order.number}} est accepté.")));
    }

    private SaveMacro macro(ClientView client, Long templateId) {
        return new SaveMacro(
                client.id(),
                "Return approved",
                templateId,
                List.of("return-approved", "label-sent"),
                List.of("needs-check"),
                "solved",
                "low",
                "return",
                null,
                null,
                "Label sent by e-mail.");
    }

    @Test
    void appliesTagsStatusPriorityAndCategoryInOneStepAndRecordsItOnTheTicket() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        OrderData order = answers.shippedOrder(store);
        TicketView ticket = answers.ticket(store, "fr", order.orderId());
        var user = fixtures.agent(client);
        ClientScope scope = ClientScope.of(List.of(client.id()));
        TemplateView template = returnApproved(client);
        MacroView macro = macros.create(scope, macro(client, template.id()));

        MacroManagement.Applied applied =
                macros.apply(macro.id(), ticket.id(), scope, new Actor(user.id(), user.displayName()), Locale.GERMAN);

        TicketView after = tickets.find(ticket.id(), ALL).orElseThrow();
        assertThat(after.tags()).contains("return-approved", "label-sent").doesNotContain("needs-check");
        assertThat(after.status()).isEqualTo(TicketStatus.SOLVED);
        assertThat(after.priority().key()).isEqualTo("low");
        assertThat(after.category()).isEqualTo("return");
        assertThat(applied.reply().language()).isEqualTo("fr");
        assertThat(applied.reply().text())
                .isEqualTo("Bonjour Buyer, le retour de la commande C-" + order.orderId() + " est accepté.");
        var notes = tickets.details(ticket.id(), ALL).messages().stream()
                .filter(m -> m.kind() == MessageKind.NOTE)
                .toList();
        assertThat(notes).hasSize(1);
        // The record is written in the applying agent's language, as a note they wrote would be.
        assertThat(notes.get(0).bodyText())
                .startsWith("Makro „Return approved“: Tag return-approved hinzugefügt, Tag label-sent hinzugefügt, "
                        + "Tag needs-check entfernt")
                .contains("Status Gelöst")
                .endsWith("Label sent by e-mail.");
        assertThat(applied.changes()).contains("+return-approved", "status: solved");
        assertThat(notes.get(0).authorName()).isEqualTo(user.displayName());
        assertThat(macros.macro(macro.id(), ALL).usageCount()).isEqualTo(1);
        assertThat(templates.template(template.id(), ALL).usageCount()).isEqualTo(1);
    }

    @Test
    void anotherClientsMacroCannotBeSeenOrApplied() {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        StoreView storeA = fixtures.store(a);
        MacroView ofB = macros.create(ALL, macro(b, null));
        ClientScope agentOfA = ClientScope.of(List.of(a.id()));
        TicketView ticketOfA = answers.ticket(storeA, "en", null);

        assertThat(macros.macros(agentOfA, null)).extracting(MacroView::id).doesNotContain(ofB.id());
        assertThatThrownBy(() -> macros.macro(ofB.id(), agentOfA)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> macros.apply(ofB.id(), ticketOfA.id(), ALL, new Actor(null, "Admin"), Locale.ENGLISH))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> macros.export(b.id(), agentOfA)).isInstanceOf(NotFound.class);
    }

    @Test
    void refusesBadActionsNamingTheField() {
        ClientView client = fixtures.client();
        SaveMacro bad = new SaveMacro(
                client.id(),
                "Bad",
                null,
                List.of("not a tag!"),
                List.of(),
                "new",
                "asap",
                "weather",
                999_999L,
                null,
                null);

        assertThatThrownBy(() -> macros.create(ALL, bad))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(f -> f.field())
                                .containsExactlyInAnyOrder("addTags", "status", "priority", "category", "teamId"));
    }

    @Test
    void exportsAndImportsAClientsAnswersByName() {
        ClientView from = fixtures.client();
        ClientView to = fixtures.client();
        TemplateView template = returnApproved(from);
        macros.create(ALL, macro(from, template.id()));

        AnswerSet set = macros.export(from.id(), ALL);
        MacroManagement.Imported first = macros.importSet(to.id(), ALL, set);
        MacroManagement.Imported again = macros.importSet(to.id(), ALL, set);

        assertThat(first).isEqualTo(new MacroManagement.Imported(1, 0, 1, 0));
        assertThat(again).isEqualTo(new MacroManagement.Imported(0, 1, 0, 1));
        TemplateView copy = templates.templates(ALL, to.id()).get(0);
        assertThat(copy.name()).isEqualTo("Return approved");
        assertThat(copy.languages()).containsExactly("en", "fr");
        assertThat(macros.macros(ALL, to.id()).get(0).templateId()).isEqualTo(copy.id());

        AnswerSet broken = new AnswerSet(
                List.of(
                        new ExportedTemplate("Fine", null, null, null, Map.of("en", "ok")),
                        new ExportedTemplate("Broken", null, null, null, Map.of("de", "Hallo {{customer.nick}}"))),
                List.of(new ExportedMacro("M", "Missing", List.of(), List.of(), null, null, null, null)));
        ClientView third = fixtures.client();
        assertThatThrownBy(() -> macros.importSet(third.id(), ALL, broken))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("templates[1].variants.de"));
    }
}
