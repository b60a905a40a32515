package dev.kontor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator behaves like Mirakl's seller API (auth, both paging styles, threads, attachments, multipart
 * replies, order states and their rules, faults), and every answer it gives conforms to Mirakl's OpenAPI document.
 */
class MiraklSimulatorContractTests {

    static MiraklSimulator simulator;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    SimMarketplace market;
    static int counter;

    @BeforeAll
    static void start() {
        simulator = MiraklSimulator.start(0, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void marketplace() {
        market = simulator.marketplace("m" + (++counter)).addShop(2001, "Shop", "secret-key");
    }

    /** What the simulator accepted and answered follows the contract (the tests' deliberately bad calls got 4xx). */
    @AfterEach
    void everyAcceptedExchangeFollowsTheContract() {
        assertThat(MiraklContract.load()
                        .violations(market.exchanges().stream()
                                .filter(e -> e.status() < 400)
                                .toList()))
                .isEmpty();
    }

    HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body, String key)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(market.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            b.header("Authorization", key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<byte[]> r = send("GET", path, null, null, "secret-key");
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static byte[] multipart(String boundary, String jsonPart, String json, String fileName, byte[] file) {
        StringBuilder s = new StringBuilder();
        s.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"")
                .append(jsonPart)
                .append("\"\r\n")
                .append("Content-Type: application/json;charset=utf-8\r\n\r\n")
                .append(json)
                .append("\r\n");
        byte[] head = s.toString().getBytes(StandardCharsets.UTF_8);
        byte[] fileHead = fileName == null
                ? new byte[0]
                : ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ((fileName == null ? "" : "\r\n") + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + fileHead.length + (file == null ? 0 : file.length) + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(fileHead, 0, all, head.length, fileHead.length);
        if (file != null) {
            System.arraycopy(file, 0, all, head.length + fileHead.length, file.length);
        }
        System.arraycopy(tail, 0, all, all.length - tail.length, tail.length);
        return all;
    }

    @Test
    void threadsPageBySeekTokensUntilTheLastPageAndBack() throws Exception {
        for (int i = 0; i < 7; i++) {
            market.customerOpensThread(2001, null, "c" + i, "Buyer " + i, "Topic " + i, "Message " + i, List.of());
        }
        List<String> ids = new ArrayList<>();
        JsonNode page = get("/api/inbox/threads?limit=3&sort=date%2CASC&with_messages=true");
        assertThat(page.has("previous_page_token")).isFalse();
        page.get("data").forEach(t -> ids.add(t.get("id").asText()));
        JsonNode second = get(
                "/api/inbox/threads?page_token=" + page.get("next_page_token").asText());
        second.get("data").forEach(t -> ids.add(t.get("id").asText()));
        JsonNode last = get(
                "/api/inbox/threads?page_token=" + second.get("next_page_token").asText());
        last.get("data").forEach(t -> ids.add(t.get("id").asText()));
        assertThat(last.has("next_page_token")).isFalse();
        assertThat(ids).hasSize(7).doesNotHaveDuplicates();
        JsonNode back = get("/api/inbox/threads?page_token="
                + last.get("previous_page_token").asText());
        assertThat(back.get("data").get(0).get("id").asText()).isEqualTo(ids.get(3));
        assertThat(page.get("data").get(0).get("messages").get(0).get("body").asText())
                .isEqualTo("Message 0");
        // The default order is the most recently updated first.
        assertThat(get("/api/inbox/threads").get("data").get(0).get("id").asText())
                .isEqualTo(ids.get(6));
    }

    @Test
    void updatedSinceReturnsOnlyThreadsChangedSince() throws Exception {
        SimThread untouched = market.customerOpensThread(2001, null, "c0", "Z", "T", "quiet", List.of());
        SimThread old = market.customerOpensThread(2001, null, "c1", "A", "T", "first", List.of());
        // Every change gets its own later millisecond, so "just after the last change" separates before from after.
        String since = old.updatedAt.plusMillis(1).toString();
        market.customerWrites(old.id(), "again", List.of());
        SimThread fresh = market.customerOpensThread(2001, null, "c2", "B", "T", "second", List.of());
        List<String> changed = new ArrayList<>();
        get("/api/inbox/threads?updated_since=" + since)
                .get("data")
                .forEach(t -> changed.add(t.get("id").asText()));
        assertThat(changed).containsExactlyInAnyOrder(old.id(), fresh.id()).doesNotContain(untouched.id());
        assertThat(send("GET", "/api/inbox/threads?entity_id=1", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/api/inbox/threads?limit=101", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aThreadWithAnAttachmentIsReadAndItsFileDownloaded() throws Exception {
        market.addOrder(SimOrder.builder(2001, "501-A").build());
        SimThread t = market.customerOpensThread(
                2001,
                "501-A",
                "cust-501-A",
                "Claire D.",
                "Colis",
                "Voir photo",
                List.of(new SimAttachment("photo.jpg", new byte[] {1, 2, 3})));
        JsonNode thread = get("/api/inbox/threads/" + t.id());
        assertThat(thread.get("entities").get(0).get("id").asText()).isEqualTo("501-A");
        assertThat(thread.get("metadata").get("shop_reply_needed_since").isNull())
                .isFalse();
        JsonNode file = thread.get("messages").get(0).get("attachments").get(0);
        assertThat(file.get("size").asInt()).isEqualTo(3);
        HttpResponse<byte[]> download =
                send("GET", "/api/inbox/threads/" + file.get("id").asText() + "/download", null, null, "secret-key");
        assertThat(download.body()).containsExactly(1, 2, 3);
        assertThat(send("GET", "/api/inbox/threads/nope", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/inbox/threads?entity_type=MMP_ORDER&entity_id=501-A")
                        .get("data"))
                .hasSize(1);
    }

    @Test
    void aMultipartReplyReachesTheCustomerAndAnswersTheThread() throws Exception {
        SimThread t = market.customerOpensThread(2001, null, "cust-1", "Ana G.", "Factura", "¿La factura?", List.of());
        byte[] body = multipart(
                "XyZ",
                "message_input",
                "{\"body\":\"Aquí tiene la factura.\",\"to\":[{\"type\":\"CUSTOMER\",\"id\":\"cust-1\"},{\"type\":\"OPERATOR\"}]}",
                "factura.pdf",
                "%PDF".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = send(
                "POST",
                "/api/inbox/threads/" + t.id() + "/message",
                "multipart/form-data; boundary=XyZ",
                body,
                "secret-key");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(market.replies()).singleElement().satisfies(p -> {
            assertThat(p.body()).isEqualTo("Aquí tiene la factura.");
            assertThat(p.to()).extracting(PostedReply.Recipient::type).containsExactly("CUSTOMER", "OPERATOR");
            assertThat(new String(p.files().get(0).content(), StandardCharsets.UTF_8))
                    .isEqualTo("%PDF");
        });
        JsonNode thread = get("/api/inbox/threads/" + t.id());
        assertThat(thread.get("metadata").get("shop_reply_needed_since").isNull())
                .isTrue();
        assertThat(thread.get("metadata").get("total_count").asInt()).isEqualTo(2);

        byte[] stranger = multipart(
                "XyZ",
                "message_input",
                "{\"body\":\"Hello there\",\"to\":[{\"type\":\"CUSTOMER\",\"id\":\"someone-else\"}]}",
                null,
                null);
        assertThat(send(
                                "POST",
                                "/api/inbox/threads/" + t.id() + "/message",
                                "multipart/form-data; boundary=XyZ",
                                stranger,
                                "secret-key")
                        .statusCode())
                .isEqualTo(400);
        byte[] tooShort =
                multipart("XyZ", "message_input", "{\"body\":\"ok\",\"to\":[{\"type\":\"OPERATOR\"}]}", null, null);
        assertThat(send(
                                "POST",
                                "/api/inbox/threads/" + t.id() + "/message",
                                "multipart/form-data; boundary=XyZ",
                                tooShort,
                                "secret-key")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aSellerOpensAThreadOnAnOrder() throws Exception {
        market.addOrder(SimOrder.builder(2001, "600-A").build());
        byte[] body = multipart(
                "B0",
                "thread_input",
                "{\"body\":\"Your parcel leaves today.\",\"to\":[\"CUSTOMER\"],\"topic\":{\"type\":\"FREE_TEXT\",\"value\":\"Shipping\"}}",
                null,
                null);
        HttpResponse<byte[]> r =
                send("POST", "/api/orders/600-A/threads", "multipart/form-data; boundary=B0", body, "secret-key");
        assertThat(r.statusCode()).isEqualTo(201);
        String threadId = JSON.readTree(r.body()).get("thread_id").asText();
        assertThat(market.thread(threadId).orderId()).isEqualTo("600-A");
    }

    @Test
    void ordersPageByOffsetAndFilterByIdsAndStates() throws Exception {
        for (int i = 1; i <= 12; i++) {
            market.addOrder(SimOrder.builder(2001, "70" + i + "-A")
                    .state(i % 3 == 0 ? "SHIPPED" : "SHIPPING")
                    .lines(2)
                    .build());
        }
        JsonNode first = get("/api/orders?max=5&offset=0");
        assertThat(first.get("total_count").asInt()).isEqualTo(12);
        assertThat(first.get("orders")).hasSize(5);
        assertThat(get("/api/orders?max=5&offset=10").get("orders")).hasSize(2);
        assertThat(get("/api/orders").get("orders")).hasSize(10); // Mirakl's default page size
        JsonNode one = get("/api/orders?order_ids=703-A%2C704-A");
        assertThat(one.get("orders")).hasSize(2);
        assertThat(one.get("orders").get(0).get("order_lines")).hasSize(2);
        assertThat(get("/api/orders?order_state_codes=SHIPPED")
                        .get("total_count")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void anOrderIsCancelledOnlyWhileItCanBe() throws Exception {
        market.addOrder(SimOrder.builder(2001, "800-A").state("SHIPPING").build());
        market.addOrder(SimOrder.builder(2001, "801-A").state("SHIPPED").build());
        assertThat(send("PUT", "/api/orders/800-A/cancel", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(204);
        assertThat(market.order("800-A").state()).isEqualTo("CANCELED");
        HttpResponse<byte[]> refused = send("PUT", "/api/orders/801-A/cancel", null, null, "secret-key");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("ORDER_INVALID_STATE");
        assertThat(send("PUT", "/api/orders/nope/cancel", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void linesAreRefusedWithADecisionOnEveryWaitingLine() throws Exception {
        market.addOrder(SimOrder.builder(2001, "900-A")
                .state("WAITING_ACCEPTANCE")
                .lines(2)
                .build());
        byte[] onlyOne = "{\"order_lines\":[{\"id\":\"900-A-1\",\"accepted\":false}]}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> missing =
                send("PUT", "/api/orders/900-A/accept", "application/json", onlyOne, "secret-key");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8))
                .contains("ORDER_LINE_ACCEPTANCE_DECISION_MISSING");
        byte[] both =
                "{\"order_lines\":[{\"id\":\"900-A-1\",\"accepted\":false},{\"id\":\"900-A-2\",\"accepted\":true}]}"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(send("PUT", "/api/orders/900-A/accept", "application/json", both, "secret-key")
                        .statusCode())
                .isEqualTo(204);
        assertThat(market.order("900-A").lines())
                .extracting(SimOrder.Line::state)
                .containsExactly("REFUSED", "SHIPPING");
        assertThat(market.order("900-A").state()).isEqualTo("SHIPPING");
    }

    @Test
    void linesAreCancelledByQuantity() throws Exception {
        market.addOrder(SimOrder.builder(2001, "950-A")
                .state("SHIPPING")
                .line("SKU-1", "Lamp", 2, "10.00")
                .build());
        byte[] body = ("{\"cancelations\":[{\"order_line_id\":\"950-A-1\",\"quantity\":2,\"amount\":20.00,"
                        + "\"shipping_amount\":0,\"reason_code\":\"34\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = send("PUT", "/api/orders/cancel", "application/json", body, "secret-key");
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(market.order("950-A").state()).isEqualTo("CANCELED");
    }

    @Test
    void aMissingOrRevokedKeyIsRefusedAndAForeignShopIsForbidden() throws Exception {
        assertThat(send("GET", "/api/inbox/threads", null, null, null).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/inbox/threads", null, null, "wrong").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/inbox/threads?shop_id=9999", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/inbox/threads?shop_id=2001", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(200);
        market.revokeKey("secret-key");
        assertThat(send("GET", "/api/inbox/threads", null, null, "secret-key").statusCode())
                .isEqualTo(401);
    }

    @Test
    void injectedFaultsAnswer429WithRetryAfter500AndSlowly() throws Exception {
        market.faults().rateLimit(1, 30);
        HttpResponse<byte[]> limited = send("GET", "/api/inbox/threads", null, null, "secret-key");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("30");
        market.faults().fail(2, 500);
        assertThat(send("GET", "/api/inbox/threads", null, null, "secret-key").statusCode())
                .isEqualTo(500);
        assertThat(send("GET", "/api/inbox/threads", null, null, "secret-key").statusCode())
                .isEqualTo(500);
        assertThat(send("GET", "/api/inbox/threads", null, null, "secret-key").statusCode())
                .isEqualTo(200);
        market.faults().delay(Duration.ofMillis(300));
        long start = System.nanoTime();
        send("GET", "/api/inbox/threads", null, null, "secret-key");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        market.faults().clear();
    }

    @Test
    void generatedThreadsAreMultilingualAndCarryTheirOrders() throws Exception {
        market.generateThreads(30, new java.util.Random(1));
        JsonNode threads = get("/api/inbox/threads?limit=100&with_messages=true");
        assertThat(threads.get("data")).hasSize(30);
        List<String> orderIds = new ArrayList<>();
        threads.get("data")
                .forEach(t -> orderIds.add(t.get("entities").get(0).get("id").asText()));
        assertThat(get("/api/orders?max=100&order_ids=" + String.join("%2C", orderIds))
                        .get("total_count")
                        .asInt())
                .isEqualTo(30);
    }

    @Test
    void binaryFilesSurviveAMultipartReplyByteForByte() throws Exception {
        SimThread t = market.customerOpensThread(2001, null, "cust-2", "Jan V.", "Retour", "Label?", List.of());
        // Every byte value, plus line ends and a near-boundary that a text-based parser would cut at.
        byte[] file = new byte[256 + 8];
        for (int i = 0; i < 256; i++) {
            file[i] = (byte) i;
        }
        System.arraycopy("\r\n--XyZ".getBytes(StandardCharsets.ISO_8859_1), 0, file, 256, 7);
        file[263] = (byte) 0xFF;
        byte[] body = multipart(
                "XyZ1",
                "message_input",
                "{\"body\":\"Het retourlabel zit in de bijlage.\",\"to\":[{\"type\":\"CUSTOMER\",\"id\":\"cust-2\"}]}",
                "label.bin",
                file);
        HttpResponse<byte[]> r = send(
                "POST",
                "/api/inbox/threads/" + t.id() + "/message",
                "multipart/form-data; boundary=XyZ1",
                body,
                "secret-key");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(market.replies().get(0).files().get(0).content()).containsExactly(file);
        JsonNode sent = get("/api/inbox/threads/" + t.id()).get("messages").get(1);
        assertThat(sent.get("from").get("type").asText()).isEqualTo("SHOP_USER");
        String fileId = sent.get("attachments").get(0).get("id").asText();
        HttpResponse<byte[]> download =
                send("GET", "/api/inbox/threads/" + fileId + "/download", null, null, "secret-key");
        assertThat(download.body()).containsExactly(file);
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("label.bin"));
    }

    @Test
    void threadsFilterByEntityTypeAlone() throws Exception {
        market.addOrder(SimOrder.builder(2001, "520-A").build());
        market.customerOpensThread(2001, "520-A", "cust-520-A", "Luca B.", "Ordine", "Dov'è?", List.of());
        market.customerOpensThread(2001, null, "cust-x", "Ana G.", "Pregunta", "¿Talla?", List.of());
        assertThat(get("/api/inbox/threads").get("data")).hasSize(2);
        assertThat(get("/api/inbox/threads?entity_type=MMP_ORDER").get("data"))
                .singleElement()
                .satisfies(t ->
                        assertThat(t.get("entities").get(0).get("id").asText()).isEqualTo("520-A"));
    }

    @Test
    void refusingEveryLineRefusesTheOrderAndAShippedOrderCannotBeCancelled() throws Exception {
        market.addOrder(SimOrder.builder(2001, "910-A")
                .state("WAITING_ACCEPTANCE")
                .lines(2)
                .build());
        Instant before = market.order("910-A").lastUpdated();
        byte[] refuseAll =
                "{\"order_lines\":[{\"id\":\"910-A-1\",\"accepted\":false},{\"id\":\"910-A-2\",\"accepted\":false}]}"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(send("PUT", "/api/orders/910-A/accept", "application/json", refuseAll, "secret-key")
                        .statusCode())
                .isEqualTo(204);
        assertThat(market.order("910-A").state()).isEqualTo("REFUSED");
        assertThat(market.order("910-A").lastUpdated()).isAfter(before);
        HttpResponse<byte[]> again =
                send("PUT", "/api/orders/910-A/accept", "application/json", refuseAll, "secret-key");
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("ORDER_INVALID_STATE");
        HttpResponse<byte[]> unknown =
                send("PUT", "/api/orders/nope/accept", "application/json", refuseAll, "secret-key");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("ORDER_NOT_FOUND");

        market.addOrder(SimOrder.builder(2001, "911-A").state("SHIPPING").build());
        assertThat(get("/api/orders?order_ids=911-A").at("/orders/0/can_cancel").asBoolean())
                .isTrue();
        market.markShipped("911-A");
        JsonNode shipped = get("/api/orders?order_ids=911-A").at("/orders/0");
        assertThat(shipped.get("can_cancel").asBoolean()).isFalse();
        assertThat(shipped.get("order_state").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.get("shipping_tracking").asText()).isEqualTo("JJD911");
        assertThat(send("PUT", "/api/orders/911-A/cancel", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void ordersFilterByUpdateTime() throws Exception {
        market.addOrder(SimOrder.builder(2001, "960-A").state("SHIPPING").build());
        market.addOrder(SimOrder.builder(2001, "961-A").state("SHIPPING").build());
        Instant changed = market.markShipped("961-A").lastUpdated();
        JsonNode recent = get("/api/orders?start_update_date=" + changed);
        assertThat(recent.get("total_count").asInt()).isEqualTo(1);
        assertThat(recent.at("/orders/0/order_id").asText()).isEqualTo("961-A");
        assertThat(send("GET", "/api/orders?start_update_date=yesterday", null, null, "secret-key")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theContractCatchesABrokenMultipartPartAndAnUndeclaredStatus() {
        byte[] body = multipart("B1", "message_input", "{\"body\":42,\"to\":\"CUSTOMER\"}", null, null);
        Exchange bad = new Exchange(
                "POST",
                "/api/inbox/threads/t1/message",
                Map.of(),
                Map.of("Authorization", List.of("k")),
                "multipart/form-data; boundary=B1",
                body,
                200,
                Map.of(),
                "application/json",
                "{\"message_id\":\"m\",\"thread_id\":\"t1\"}".getBytes(StandardCharsets.UTF_8));
        List<String> violations = MiraklContract.load().violations(bad);
        assertThat(violations)
                .anySatisfy(v -> assertThat(v).contains("message_input").contains("body"));
        assertThat(violations)
                .anySatisfy(v -> assertThat(v).contains("message_input").contains("to"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("answered 200"));
    }

    @Test
    void theContractCatchesAWrongTypeAMissingFieldAndAnUndeclaredParameter() {
        byte[] broken = "{\"orders\":[{\"order_id\":42}],\"total_count\":\"one\"}".getBytes(StandardCharsets.UTF_8);
        Exchange bad = new Exchange(
                "GET",
                "/api/orders",
                Map.of("order_ids", List.of("1"), "colour", List.of("red")),
                Map.of("Authorization", List.of("k")),
                null,
                new byte[0],
                200,
                Map.of(),
                "application/json",
                broken);
        List<String> violations = MiraklContract.load().violations(bad);
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("colour"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("total_count"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("order_id"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("can_cancel"));
        Exchange unknown = new Exchange(
                "GET", "/api/nothing", Map.of(), Map.of(), null, new byte[0], 200, Map.of(), null, new byte[0]);
        assertThat(MiraklContract.load().violations(unknown))
                .singleElement()
                .satisfies(v -> assertThat(v).contains("no such operation"));
    }
}
