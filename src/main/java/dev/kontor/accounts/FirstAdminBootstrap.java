package dev.kontor.accounts;

import dev.kontor.accounts.AccountCommands.FirstAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the first admin from the environment on the first start, and registers the admin API token. */
@Component
@Order(0)
class FirstAdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminBootstrap.class);

    private final AdminSettings settings;
    private final AccountManagement accounts;

    FirstAdminBootstrap(AdminSettings settings, AccountManagement accounts) {
        this.settings = settings;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.configured()) {
            String name = settings.name() == null || settings.name().isBlank() ? "Administrator" : settings.name();
            accounts.createFirstAdmin(new FirstAdmin(settings.email(), name, settings.password()))
                    .ifPresent(admin -> log.info("Created the first admin {}", admin.email()));
        } else if (!accounts.hasUsers()) {
            log.info("No users yet: open /setup in the browser to create the first admin");
        }
        if (settings.apiToken() != null && !settings.apiToken().isBlank()) {
            if (settings.email() == null || settings.email().isBlank()) {
                log.warn(
                        "KONTOR_ADMIN_API_TOKEN is set without KONTOR_ADMIN_EMAIL: it names no admin, so it is ignored");
                return;
            }
            accounts.userByEmail(settings.email())
                    .filter(u -> u.role() == Role.ADMIN)
                    .ifPresentOrElse(
                            admin -> accounts.ensureApiToken(admin.id(), "KONTOR_ADMIN_API_TOKEN", settings.apiToken()),
                            () -> log.warn("KONTOR_ADMIN_API_TOKEN is set but {} is no admin", settings.email()));
        }
    }
}
