package dev.kontor.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line of a history import: {@code java -jar kontor.jar import FILE --url URL --token TOKEN --client
 * ID-OR-KEY [--store ID] [--channel ID] [--source NAME] [--format jsonl|csv] [--run-flow] [--part-mb N]}. It uses
 * only the REST API ({@code /api/v1/imports}): sets the import up, sends the file in parts, starts it and prints
 * the progress (lines, tickets, messages, rate, ETA, errors) until it ends, then the first errors. Exit code 0 when
 * the import finished, 1 otherwise. The token may also come from {@code KONTOR_TOKEN}.
 */
public final class ImportCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String token;
    private final PrintStream out;

    private ImportCommand(String url, String token, PrintStream out) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.out = out;
    }

    public static int run(String[] args) {
        return run(args, System.out);
    }

    static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--run-flow")) {
                options.put("run-flow", "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                options.put(a.substring(2), args[++i]);
            } else if (!a.startsWith("--") && file == null) {
                file = a;
            } else {
                return usage(out, "unexpected argument " + a);
            }
        }
        String token = options.getOrDefault("token", System.getenv("KONTOR_TOKEN"));
        if (file == null || !options.containsKey("url") || token == null || !options.containsKey("client")) {
            return usage(out, "FILE, --url, --token (or KONTOR_TOKEN) and --client are required");
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            return usage(out, "cannot read " + file);
        }
        try {
            return new ImportCommand(options.get("url"), token, out).importFile(path, options);
        } catch (CommandFailed e) {
            out.println("Import failed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println("Import failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int usage(PrintStream out, String problem) {
        out.println(problem);
        out.println("Usage: java -jar kontor.jar import FILE --url URL --token TOKEN --client ID-OR-KEY"
                + " [--store ID] [--channel ID] [--source NAME] [--format jsonl|csv] [--run-flow] [--part-mb N]");
        return 1;
    }

    private int importFile(Path path, Map<String, String> options) throws IOException, InterruptedException {
        String name = path.getFileName().toString();
        String format = options.getOrDefault("format", name.toLowerCase().endsWith(".csv") ? "csv" : "jsonl");
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("clientId", clientId(options.get("client")));
        if (options.containsKey("store")) {
            setup.put("storeId", Long.parseLong(options.get("store")));
        }
        if (options.containsKey("channel")) {
            setup.put("channelId", Long.parseLong(options.get("channel")));
        }
        setup.put("source", options.getOrDefault("source", "import"));
        setup.put("format", format);
        setup.put("fileName", name);
        setup.put("runFlow", options.containsKey("run-flow"));
        JsonNode created = send("POST", "/api/v1/imports", "application/json", JSON.writeValueAsBytes(setup));
        long id = created.get("id").asLong();
        int partBytes = Integer.parseInt(options.getOrDefault("part-mb", "8")) * 1024 * 1024;
        long size = Files.size(path);
        long sent = 0;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] part;
            while ((part = in.readNBytes(partBytes)).length > 0) {
                send("POST", "/api/v1/imports/" + id + "/parts", "application/octet-stream", part);
                sent += part.length;
                out.printf("Import %d: sent %,d of %,d bytes%n", id, sent, size);
            }
        }
        send("POST", "/api/v1/imports/" + id + "/start", "application/json", new byte[0]);
        JsonNode job;
        while (true) {
            Thread.sleep(1000);
            job = send("GET", "/api/v1/imports/" + id, null, null);
            out.println(progress(job));
            String status = job.get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                break;
            }
        }
        if (job.get("errorLines").asLong() > 0) {
            JsonNode errors = send("GET", "/api/v1/imports/" + id + "/errors?limit=20", null, null);
            out.println("First errors (line, field, message):");
            for (JsonNode e : errors) {
                out.printf(
                        "  line %d, %s: %s%s%n",
                        e.get("lineNo").asLong(),
                        e.get("field").asString(),
                        e.get("message").asString(),
                        e.get("skipped").asBoolean() ? "" : " (line imported)");
            }
        }
        return job.get("status").asString().equals("FINISHED") ? 0 : 1;
    }

    static String progress(JsonNode job) {
        JsonNode rate = job.get("messagesPerSecond");
        JsonNode eta = job.get("etaSeconds");
        return String.format(
                "Import %d %s %d%%: %,d lines, %,d tickets created, %,d updated, %,d messages (%,d already there),"
                        + " %,d lines with errors%s%s",
                job.get("id").asLong(),
                job.get("status").asString(),
                job.get("percent").asInt(),
                job.get("linesDone").asLong(),
                job.get("ticketsCreated").asLong(),
                job.get("ticketsUpdated").asLong(),
                job.get("messagesCreated").asLong(),
                job.get("messagesSkipped").asLong(),
                job.get("errorLines").asLong(),
                rate == null || rate.isNull() ? "" : String.format(", %,.0f messages/s", rate.asDouble()),
                eta == null || eta.isNull()
                        ? ""
                        : ", ETA "
                                + Duration.ofSeconds(eta.asLong())
                                        .toString()
                                        .substring(2)
                                        .toLowerCase());
    }

    private long clientId(String idOrKey) throws IOException, InterruptedException {
        if (idOrKey.matches("\\d+")) {
            return Long.parseLong(idOrKey);
        }
        for (JsonNode c : send("GET", "/api/v1/clients", null, null)) {
            if (c.get("key").asString().equals(idOrKey)) {
                return c.get("id").asLong();
            }
        }
        throw new CommandFailed("no client with the key " + URLEncoder.encode(idOrKey, StandardCharsets.UTF_8));
    }

    private JsonNode send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() >= 300) {
            throw new CommandFailed(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static final class CommandFailed extends RuntimeException {
        CommandFailed(String message) {
            super(message);
        }
    }
}
