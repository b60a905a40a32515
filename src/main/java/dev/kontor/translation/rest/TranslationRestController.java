package dev.kontor.translation.rest;

import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.ChainEntry;
import dev.kontor.translation.ClientTranslation;
import dev.kontor.translation.Formality;
import dev.kontor.translation.GlossaryEntry;
import dev.kontor.translation.ProviderAccount;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationManagement;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.TranslationUsage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Translation settings for admins: provider accounts, chains, client settings, usage and a test translation. */
@RestController
@RequestMapping("/api/v1/translation")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Translation")
class TranslationRestController {

    private final TranslationManagement translation;

    TranslationRestController(TranslationManagement translation) {
        this.translation = translation;
    }

    /** A chain entry: source and target null (or omitted) for any language. */
    record ChainEntryBody(String account, String source, String target) {}

    record TranslationChainBody(List<ChainEntryBody> chain) {}

    record ClientTranslationBody(
            List<ChainEntryBody> chain,
            Map<String, String> formality,
            List<GlossaryEntry> glossary,
            Boolean allowCloud,
            Long monthlyCap) {}

    record ClientTranslationView(
            long clientId,
            List<ChainEntryBody> chain,
            Map<String, String> formality,
            List<GlossaryEntry> glossary,
            boolean allowCloud,
            Long monthlyCap) {}

    record TranslationTestBody(Long clientId, String text, String source, String target) {}

    record TranslationTestResult(String text, String provider, String detectedLanguage, long characters) {}

    /** A provider account to save; key and secret are write-only, and left out they keep the stored ones. */
    record ProviderAccountBody(
            String name,
            String kind,
            String url,
            String region,
            String project,
            String location,
            String model,
            Boolean selfHosted,
            String key,
            String secret) {
        ProviderAccount.Change change() {
            return new ProviderAccount.Change(
                    name, kind, url, region, project, location, model, selfHosted, key, secret);
        }
    }

    @GetMapping("/providers")
    @Operation(summary = "Provider accounts; credentials are never returned, only whether they are set")
    List<ProviderAccount> accounts() {
        return translation.accounts();
    }

    @PostMapping("/providers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add a provider account (kind: " + "deepl, google, google-basic, azure, amazon, "
                    + "libretranslate, apertium, openai)")
    ProviderAccount add(@RequestBody ProviderAccountBody body) {
        return translation.saveAccount(null, body.change());
    }

    @PutMapping("/providers/{id}")
    @Operation(summary = "Change a provider account; a key or secret left out keeps the stored one")
    ProviderAccount change(@PathVariable long id, @RequestBody ProviderAccountBody body) {
        return translation.saveAccount(id, body.change());
    }

    @DeleteMapping("/providers/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a provider account and its place in every chain")
    void remove(@PathVariable long id) {
        translation.deleteAccount(id);
    }

    @GetMapping("/chain")
    @Operation(summary = "The install's chain; empty: every account, self-hosted ones first")
    TranslationChainBody chain() {
        return new TranslationChainBody(entries(translation.installChain()));
    }

    @PutMapping("/chain")
    TranslationChainBody setChain(@RequestBody TranslationChainBody body) {
        return new TranslationChainBody(entries(translation.setInstallChain(chain(body.chain()))));
    }

    @GetMapping("/clients/{clientId}")
    @Operation(summary = "A client's chain, formality per target language, glossary, cloud permission and cap")
    ClientTranslationView client(@PathVariable long clientId) {
        return view(translation.client(clientId));
    }

    @PutMapping("/clients/{clientId}")
    ClientTranslationView setClient(@PathVariable long clientId, @RequestBody ClientTranslationBody body) {
        Map<LanguageCode, Formality> formality = new LinkedHashMap<>();
        if (body.formality() != null) {
            body.formality().forEach((language, register) -> {
                LanguageCode target = ChainEntry.language(language, "formality", "");
                if (target == null) {
                    throw InvalidInput.of("formality", "name a target language");
                }
                try {
                    formality.put(
                            target, Formality.valueOf(String.valueOf(register).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw InvalidInput.of("formality", "'" + register + "' is not formal, informal or default");
                }
            });
        }
        return view(translation.saveClient(new ClientTranslation(
                clientId,
                chain(body.chain()),
                formality,
                body.glossary() == null ? List.of() : body.glossary(),
                body.allowCloud() == null || body.allowCloud(),
                body.monthlyCap())));
    }

    @GetMapping("/usage")
    @Operation(summary = "Characters per client, provider account and month (yyyy-MM, UTC; default this month)")
    List<TranslationUsage> usage(@RequestParam(required = false) String month) {
        return translation.usage(month(month));
    }

    @PostMapping("/test")
    @Operation(
            summary = "Translate a text as a client would (clientId omitted: the install's chain)",
            description = "Failures come back as problems naming the error, e.g. TranslationNotConfigured,"
                    + " TranslationCapReached, ProviderUnavailable.")
    TranslationTestResult test(@RequestBody TranslationTestBody body) {
        if (body.text() == null || body.text().isBlank()) {
            throw InvalidInput.of("text", "is required");
        }
        LanguageCode target = ChainEntry.language(body.target(), "target", "");
        if (target == null) {
            throw InvalidInput.of("target", "is required");
        }
        LanguageCode source = ChainEntry.language(body.source(), "source", "");
        Translation t = translation.test(
                body.clientId() == null ? 0 : body.clientId(),
                TranslationRequest.of(target, body.text()).from(source));
        return new TranslationTestResult(
                t.texts().get(0),
                t.provider(),
                t.detectedSource() == null ? null : t.detectedSource().value(),
                t.charactersBilled());
    }

    static YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("month", "write the month as yyyy-MM, e.g. 2026-12");
        }
    }

    private static List<ChainEntry> chain(List<ChainEntryBody> entries) {
        List<ChainEntry> out = new ArrayList<>();
        if (entries == null) {
            return out;
        }
        for (int i = 0; i < entries.size(); i++) {
            ChainEntryBody e = entries.get(i);
            String where = "entry " + (i + 1) + ": ";
            if (e == null || e.account() == null || e.account().isBlank()) {
                throw InvalidInput.of("chain", where + "name a provider account");
            }
            out.add(new ChainEntry(
                    e.account(),
                    ChainEntry.language(e.source(), "chain", where),
                    ChainEntry.language(e.target(), "chain", where)));
        }
        return out;
    }

    private static List<ChainEntryBody> entries(List<ChainEntry> chain) {
        return chain.stream()
                .map(e -> new ChainEntryBody(
                        e.account(),
                        e.source() == null ? null : e.source().value(),
                        e.target() == null ? null : e.target().value()))
                .toList();
    }

    private static ClientTranslationView view(ClientTranslation s) {
        Map<String, String> formality = new LinkedHashMap<>();
        s.formality().forEach((k, v) -> formality.put(k.value(), v.name().toLowerCase(Locale.ROOT)));
        return new ClientTranslationView(
                s.clientId(), entries(s.chain()), formality, s.glossary(), s.allowCloud(), s.monthlyCap());
    }
}
