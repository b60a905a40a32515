package dev.kontor.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.tickets.domain.HtmlSanitizing;
import org.junit.jupiter.api.Test;

class HtmlSanitizingUnitTests {

    @Test
    void scriptsHandlersAndRemoteImagesNeverReachTheAgent() {
        String dirty = "<p onclick=\"steal()\">Hallo <b>Team</b></p><script>alert(1)</script>"
                + "<img src=\"https://tracker.example/p.gif\"><a href=\"javascript:alert(2)\">x</a>"
                + "<iframe src=\"https://evil.example\"></iframe><style>body{}</style>";

        String clean = HtmlSanitizing.sanitize(dirty);

        assertThat(clean)
                .contains("<b>Team</b>")
                .doesNotContain("script", "onclick", "img", "javascript", "iframe", "style");
    }

    @Test
    void linksKeepTheirTargetButCannotReachTheOpener() {
        String clean = HtmlSanitizing.sanitize("<a href=\"https://shop.example/order/1\">Order</a>");

        assertThat(clean).contains("href=\"https://shop.example/order/1\"");
    }

    @Test
    void textOfHtmlKeepsLineBreaksAndDecodesEntities() {
        assertThat(HtmlSanitizing.toText("<p>Bonjour&nbsp;!</p><p>Commande &amp; facture</p>"))
                .isEqualTo("Bonjour !\nCommande & facture");
    }

    @Test
    void textOfStoredHtmlIsTheSameAsTextOfTheOutsideHtml() {
        String outside = "<div onclick=x()>Hallo<script>alert(1)</script><br>Bestellung &lt;42&gt; <b>fehlt</b></div>";
        assertThat(HtmlSanitizing.textOfSanitized(HtmlSanitizing.sanitize(outside)))
                .isEqualTo(HtmlSanitizing.toText(outside))
                .isEqualTo("Hallo\nBestellung <42> fehlt");
    }
}
