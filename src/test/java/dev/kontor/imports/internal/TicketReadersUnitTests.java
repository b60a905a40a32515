package dev.kontor.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketReadersUnitTests {

    static final String GOOD = """
            {"externalId":"1001","subject":"Where is my order","status":"solved","priority":"high","category":"where_is_my_order","language":"de","tags":["vip","Lost"],"orderRefs":["A-1"],"assignee":"anna@shop.example","customer":{"email":"Jane@Example.org","name":"Jane","externalId":"77"},"createdAt":"2025-03-01T09:00:00Z","messages":[{"externalId":"c1","kind":"inbound","author":"Jane","createdAt":"2025-03-01T09:00:00Z","text":"Hello","attachments":[{"filename":"a.txt","contentType":"text/plain","base64":"%s"}]},{"externalId":"c2","kind":"outbound","author":"Anna","createdAt":"2025-03-01T10:00:00+01:00","html":"<p>Hi</p>"}]}
            """.formatted(
            Base64.getEncoder().encodeToString("file".getBytes(StandardCharsets.UTF_8))).strip();

    static List<TicketLine> readAll(String format, String content) {
        TicketReader reader = TicketReader.of(
                format, new LineSource(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), 0, 0), null);
        List<TicketLine> out = new ArrayList<>();
        TicketLine t;
        while ((t = reader.next()) != null) {
            out.add(t);
        }
        return out;
    }

    @Test
    void readsEveryFieldOfAJsonLine() {
        TicketLine t = readAll("jsonl", GOOD + "\n").get(0);
        assertThat(t.errors()).isEmpty();
        assertThat(t.externalId()).isEqualTo("1001");
        assertThat(t.status()).isEqualTo(TicketStatus.SOLVED);
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        assertThat(t.customer().email()).isEqualTo("jane@example.org");
        assertThat(t.customer().externalId()).isEqualTo("77");
        assertThat(t.tags()).containsExactly("vip", "Lost");
        assertThat(t.messages()).hasSize(2);
        assertThat(t.messages().get(0).attachments().get(0).content())
                .asString()
                .isEqualTo("file");
        assertThat(t.messages().get(1).kind()).isEqualTo(MessageKind.OUTBOUND);
        assertThat(t.messages().get(1).at()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
    }

    @Test
    void badLinesNameTheirLineAndFieldAndTheRestIsRead() {
        String file = GOOD + "\n{not json\n\n"
                + GOOD.replace("\"status\":\"solved\"", "\"status\":\"done\"")
                        .replace(
                                "\"createdAt\":\"2025-03-01T09:00:00Z\",\"text\"",
                                "\"createdAt\":\"yesterday\",\"text\"")
                + "\n" + GOOD;
        List<TicketLine> lines = readAll("jsonl", file);
        assertThat(lines).extracting(TicketLine::lineNo).containsExactly(1L, 2L, 4L, 5L);
        assertThat(lines.get(0).failed()).isFalse();
        assertThat(lines.get(1).errors()).extracting(e -> e.field()).containsExactly("line");
        assertThat(lines.get(2).errors())
                .extracting(e -> e.field())
                .containsExactlyInAnyOrder("status", "messages[0].createdAt");
        assertThat(lines.get(3).failed()).isFalse();
    }

    @Test
    void resumesAtAByteOffsetWithTheRightLineNumbers() {
        String file = GOOD + "\n" + GOOD.replace("1001", "1002") + "\n" + GOOD.replace("1001", "1003") + "\n";
        List<TicketLine> all = readAll("jsonl", file);
        long offset = all.get(0).offsetAfter();
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        var rest = new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
        TicketReader reader =
                TicketReader.of("jsonl", new LineSource(rest, offset, all.get(0).lineAfter()), null);
        TicketLine second = reader.next();
        assertThat(second.externalId()).isEqualTo("1002");
        assertThat(second.lineNo()).isEqualTo(2);
        assertThat(reader.next().externalId()).isEqualTo("1003");
        assertThat(reader.next()).isNull();
    }

    @Test
    void csvRowsOfOneTicketFormOneTicketWithQuotedLineBreaks() {
        String csv = """
                ticket_id,subject,status,customer_email,customer_name,kind,created_at,text
                T1,Broken lamp,open,ana@example.org,Ana,inbound,2025-01-02T08:00:00Z,"It arrived broken,
                see ""photo""\"
                T1,,,,,outbound,2025-01-02 09:00:00,We send a new one
                T2,Invoice,solved,bo@example.org,,inbound,2025-01-03T08:00:00Z,Invoice please
                T3,Bad,solved,,,sideways,2025-01-03T08:00:00Z,x
                """;
        List<TicketLine> tickets = readAll("csv", csv);
        assertThat(tickets).hasSize(3);
        TicketLine t1 = tickets.get(0);
        assertThat(t1.errors()).isEmpty();
        assertThat(t1.lineNo()).isEqualTo(2);
        assertThat(t1.messages()).hasSize(2);
        assertThat(t1.messages().get(0).bodyText()).isEqualTo("It arrived broken,\nsee \"photo\"");
        assertThat(t1.messages().get(1).at()).isEqualTo(Instant.parse("2025-01-02T09:00:00Z"));
        assertThat(tickets.get(1).lineNo()).isEqualTo(5);
        assertThat(tickets.get(2).errors()).extracting(e -> e.field()).contains("customer_email", "kind");
    }

    @Test
    void csvWithAnUnknownColumnIsOneErrorOnTheHeader() {
        List<TicketLine> tickets = readAll("csv", "ticket_id,kind,created_at,text,mood\nT1,inbound,2025-01-01,hi\n");
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).lineNo()).isEqualTo(1);
        assertThat(tickets.get(0).errors().get(0).field()).isEqualTo("header");
    }
}
