package dev.kontor.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersUnitTests {

    @Test
    void fillsNamesWithSpacesInsideTheBracesAndKeepsValuesAsTheyAre() {
        var filled = Placeholders.fill(
                "Total {{ order.total }} for {{customer.first_name}}",
                Map.of("order.total", "$1,234.50 \\ 100%", "customer.first_name", "Zoë"));

        assertThat(filled.text()).isEqualTo("Total $1,234.50 \\ 100% for Zoë");
        assertThat(filled.missing()).isEmpty();
    }

    @Test
    void leavesAPlaceholderWithoutValueInPlaceAndNamesItOnce() {
        var filled = Placeholders.fill(
                "{{order.tracking_link}} / {{order.tracking_link}} / {{store.signature}}",
                Map.of("store.signature", " "));

        assertThat(filled.text()).isEqualTo("{{order.tracking_link}} / {{order.tracking_link}} / {{store.signature}}");
        assertThat(filled.missing()).containsExactly("order.tracking_link", "store.signature");
    }

    @Test
    void knowsTheDocumentedNamesAndThoseTheAgentWrites() {
        assertThat(Placeholders.unknown("{{order.number}} {{refund.amount}} {{order.nummer}} {single} {{ }}"))
                .containsExactly("order.nummer");
        assertThat(Placeholders.used("a {{refund.reason}} b {{order.number}} c {{refund.reason}}"))
                .containsExactly("refund.reason", "order.number");
    }
}
