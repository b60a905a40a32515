package dev.kontor.channels.rest;

import dev.kontor.channels.ChannelAdapter.PollOutcome;
import dev.kontor.channels.MarketplaceAccountView;
import dev.kontor.channels.MarketplaceCheck;
import dev.kontor.channels.MarketplaceCommands.CreateMarketplaceAccount;
import dev.kontor.channels.MarketplaceCommands.UpdateMarketplaceAccount;
import dev.kontor.channels.MarketplaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Marketplace accounts (admins): Mirakl operators a seller is connected to. */
@RestController
@RequestMapping("/api/v1/marketplace-accounts")
@Tag(name = "Marketplaces")
@PreAuthorize("hasRole('ADMIN')")
class MarketplaceRestController {

    private final MarketplaceManagement marketplaces;

    MarketplaceRestController(MarketplaceManagement marketplaces) {
        this.marketplaces = marketplaces;
    }

    @GetMapping
    List<MarketplaceAccountView> accounts() {
        return marketplaces.accounts();
    }

    @GetMapping("/{id}")
    MarketplaceAccountView account(@PathVariable long id) {
        return marketplaces.account(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Connect a store to a Mirakl marketplace; the API key is stored encrypted and never shown")
    MarketplaceAccountView create(@Valid @RequestBody CreateMarketplaceAccount command) {
        return marketplaces.create(command);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change an account; a blank apiKey keeps the stored one, a new key clears a key alert")
    MarketplaceAccountView update(@PathVariable long id, @Valid @RequestBody UpdateMarketplaceAccount command) {
        return marketplaces.update(id, command);
    }

    @PostMapping("/{id}/pause")
    MarketplaceAccountView pause(@PathVariable long id) {
        return marketplaces.pause(id, true);
    }

    @PostMapping("/{id}/resume")
    MarketplaceAccountView resume(@PathVariable long id) {
        return marketplaces.pause(id, false);
    }

    @PostMapping("/{id}/check")
    @Operation(summary = "Call the marketplace with the stored key and report its exact error, if any")
    MarketplaceCheck check(@PathVariable long id) {
        return marketplaces.check(id);
    }

    @PostMapping("/{id}/poll")
    @Operation(summary = "Poll the account now and report what came in")
    PollOutcome poll(@PathVariable long id) {
        return marketplaces.pollNow(id);
    }
}
