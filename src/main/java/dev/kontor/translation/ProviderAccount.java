package dev.kontor.translation;

/**
 * A translation provider account as admins see it: credentials are never shown, only whether they are set and
 * their last four characters.
 *
 * @param id the stored account's id, or 0 for an account from the install's environment settings (read-only)
 * @param name how chains refer to the account
 * @param keyHint null when no key is set, else its last four characters
 * @param secretHint null when no secret is set, else its last four characters
 * @param selfHosted whether texts stay on the install's own servers
 * @param version bumped by every change, so every node rebuilds the adapter
 */
public record ProviderAccount(
        long id,
        String name,
        String kind,
        String url,
        String region,
        String project,
        String location,
        String model,
        boolean selfHosted,
        String keyHint,
        String secretHint,
        int version) {

    public boolean fromEnvironment() {
        return id == 0;
    }

    /**
     * What an admin saves: a blank key or secret keeps the stored one (credentials are write-only).
     *
     * @param selfHosted for chat endpoints and LibreTranslate; others are what their kind is
     */
    public record Change(
            String name,
            String kind,
            String url,
            String region,
            String project,
            String location,
            String model,
            Boolean selfHosted,
            String key,
            String secret) {}
}
