package dev.kontor.translation.provider;

import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.translation.ProtectingTranslator;
import dev.kontor.translation.Translator;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Builds a provider's adapter from a provider account, wrapped in {@link ProtectingTranslator}. It holds no state:
 * callers cache what it builds and rebuild when the account changes.
 */
@Component
public class TranslatorFactory {

    /** The adapters an account may use, in the order the settings page offers them (self-hosted ones first). */
    public static final List<String> KINDS = List.of(
            ApertiumTranslator.NAME,
            LibreTranslateTranslator.NAME,
            OpenAiChatTranslator.NAME,
            DeepLTranslator.NAME,
            GoogleTranslator.NAME,
            GoogleBasicTranslator.NAME,
            AzureTranslator.NAME,
            AmazonTranslator.NAME);

    private final TranslationSettings settings;
    private final Clock clock;

    TranslatorFactory(TranslationSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether an adapter of this kind sends texts to someone else's servers whatever its settings say. */
    public static boolean alwaysCloud(String kind) {
        return !List.of(ApertiumTranslator.NAME, LibreTranslateTranslator.NAME, OpenAiChatTranslator.NAME)
                .contains(kind);
    }

    /** Throws {@link InvalidInput} naming each field the kind needs and lacks, or that is malformed. */
    public void check(ProviderConfig c, boolean keySet, boolean secretSet) {
        List<FieldError> errors = new ArrayList<>();
        if (c.kind() == null || !KINDS.contains(c.kind())) {
            throw InvalidInput.of("kind", "must be one of " + String.join(", ", KINDS));
        }
        if (set(c.url()) && !httpUrl(c.url())) {
            errors.add(new FieldError("url", "must be an http or https URL"));
        }
        switch (c.kind()) {
            case "apertium", "libretranslate" -> require(errors, "url", c.url());
            case "openai" -> {
                require(errors, "url", c.url());
                require(errors, "model", c.model());
            }
            case "google" -> {
                require(errors, "project", c.project());
                requireSet(errors, "key", keySet);
            }
            case "azure", "deepl", "google-basic" -> requireSet(errors, "key", keySet);
            case "amazon" -> {
                require(errors, "region", c.region());
                requireSet(errors, "key", keySet);
                requireSet(errors, "secret", secretSet);
            }
            default -> {}
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    public Translator build(ProviderConfig c) {
        check(c, set(c.key()), set(c.secret()));
        Translator adapter = switch (c.kind()) {
            case "apertium" -> new ApertiumTranslator(new TranslationSettings.Apertium(c.url()), settings, clock);
            case "libretranslate" ->
                new LibreTranslateTranslator(
                        new TranslationSettings.LibreTranslate(c.url(), blankToNull(c.key()), 50), settings, clock);
            case "openai" ->
                new OpenAiChatTranslator(
                        new TranslationSettings.OpenAi(c.url(), blankToNull(c.key()), c.model(), c.selfHosted(), 20),
                        settings,
                        clock);
            case "deepl" ->
                new DeepLTranslator(new TranslationSettings.DeepL(c.key(), blankToNull(c.url()), 50), settings, clock);
            case "google" ->
                new GoogleTranslator(
                        new TranslationSettings.Google(
                                c.project(),
                                set(c.location()) ? c.location() : "global",
                                c.key(),
                                set(c.url()) ? c.url() : "https://translation.googleapis.com",
                                1024),
                        settings,
                        clock);
            case "google-basic" ->
                new GoogleBasicTranslator(
                        new TranslationSettings.GoogleBasic(
                                c.key(), set(c.url()) ? c.url() : "https://translation.googleapis.com", 128),
                        settings,
                        clock);
            case "azure" ->
                new AzureTranslator(
                        new TranslationSettings.Azure(
                                c.key(),
                                blankToNull(c.region()),
                                set(c.url()) ? c.url() : "https://api.cognitive.microsofttranslator.com",
                                1000),
                        settings,
                        clock);
            case "amazon" ->
                new AmazonTranslator(
                        new TranslationSettings.Amazon(c.key(), c.secret(), null, c.region(), blankToNull(c.url())),
                        settings,
                        clock);
            default -> throw InvalidInput.of("kind", "unknown provider " + c.kind());
        };
        Translator wrapped = new ProtectingTranslator(adapter);
        if (!c.selfHosted() && adapter.selfHosted()) {
            // A LibreTranslate server run by someone else (libretranslate.com): texts leave the house.
            return new Translator() {
                @Override
                public String provider() {
                    return wrapped.provider();
                }

                @Override
                public boolean selfHosted() {
                    return false;
                }

                @Override
                public dev.kontor.translation.Translation translate(dev.kontor.translation.TranslationRequest r) {
                    return wrapped.translate(r);
                }
            };
        }
        return wrapped;
    }

    private static void require(List<FieldError> errors, String field, String value) {
        if (!set(value)) {
            errors.add(new FieldError(field, "is required for this provider"));
        }
    }

    private static void requireSet(List<FieldError> errors, String field, boolean present) {
        if (!present) {
            errors.add(new FieldError(field, "is required for this provider"));
        }
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return set(value) ? value.strip() : null;
    }
}
