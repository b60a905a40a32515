package dev.kontor.clients.rest;

import dev.kontor.clients.ChannelView;
import dev.kontor.clients.ClientCommands.CreateChannel;
import dev.kontor.clients.ClientCommands.CreateClient;
import dev.kontor.clients.ClientCommands.CreateStore;
import dev.kontor.clients.ClientCommands.UpdateChannel;
import dev.kontor.clients.ClientCommands.UpdateClient;
import dev.kontor.clients.ClientCommands.UpdateStore;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.NotFound;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Client companies, stores and channels. Everyone reads what their client scope allows; only admins write. The
 * scope is passed in by {@code ClientScopeArgument}, so this module needs nothing from accounts.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Clients, stores and channels")
class ClientRestController {

    private final ClientManagement clients;

    ClientRestController(ClientManagement clients) {
        this.clients = clients;
    }

    @GetMapping("/clients")
    List<ClientView> clients(ClientScope scope) {
        return clients.clients(scope);
    }

    @GetMapping("/clients/{id}")
    ClientView client(ClientScope scope, @PathVariable long id) {
        return clients.client(id).filter(c -> scope.permits(c.id())).orElseThrow(() -> new NotFound("client " + id));
    }

    @PostMapping("/clients")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a client company (admin)")
    ClientView createClient(@Valid @RequestBody CreateClient command) {
        return clients.createClient(command);
    }

    @PutMapping("/clients/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ClientView updateClient(@PathVariable long id, @Valid @RequestBody UpdateClient command) {
        return clients.updateClient(id, command);
    }

    @GetMapping("/stores")
    List<StoreView> stores(ClientScope scope, @RequestParam(required = false) Long clientId) {
        return clients.stores(scope).stream()
                .filter(s -> clientId == null || s.clientId() == clientId)
                .toList();
    }

    @GetMapping("/stores/{id}")
    StoreView store(ClientScope scope, @PathVariable long id) {
        return visibleStore(scope, id);
    }

    @PostMapping("/stores")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a store of a client, with its API channel (admin)")
    StoreView createStore(@Valid @RequestBody CreateStore command) {
        return clients.createStore(command);
    }

    @PutMapping("/stores/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    StoreView updateStore(@PathVariable long id, @Valid @RequestBody UpdateStore command) {
        return clients.updateStore(id, command);
    }

    @GetMapping("/stores/{id}/channels")
    List<ChannelView> channels(ClientScope scope, @PathVariable long id) {
        return clients.channels(visibleStore(scope, id).id());
    }

    @PostMapping("/channels")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Add a channel (e-mail, marketplace, web form, ...) to a store (admin)")
    ChannelView createChannel(@Valid @RequestBody CreateChannel command) {
        return clients.createChannel(command);
    }

    @PutMapping("/channels/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ChannelView updateChannel(@PathVariable long id, @Valid @RequestBody UpdateChannel command) {
        return clients.updateChannel(id, command);
    }

    private StoreView visibleStore(ClientScope scope, long id) {
        return clients.store(id)
                .filter(s -> scope.permits(s.clientId()))
                .orElseThrow(() -> new NotFound("store " + id));
    }
}
