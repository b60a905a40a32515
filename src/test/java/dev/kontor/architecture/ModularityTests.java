package dev.kontor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(KontorApplication.class);

    static final Path PAGE = Path.of("docs/architecture.md");
    static final String BEGIN = "<!-- module map: generated from the code by ModularityTests; do not edit -->";
    static final String END = "<!-- end of module map -->";

    @Test
    void modulesDependOnlyOnWhatTheyDeclareAndOnEachOthersApis() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }

    /**
     * The page's module map is the code's: a new dependency or module fails this test until the page shows it.
     * The expected block is written to target/module-map.md to paste in.
     */
    @Test
    void theArchitecturePageDrawsTheModulesTheCodeHas() throws IOException {
        String expected = moduleMap();
        Files.writeString(Path.of("target/module-map.md"), expected);
        String page = Files.readString(PAGE);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        assertThat(begin).as("the module map's markers in " + PAGE).isNotNegative();
        assertThat(end).as("the module map's end marker in " + PAGE).isGreaterThan(begin);
        assertThat(page.substring(begin, end + END.length()))
                .as("docs/architecture.md's module map is out of date; target/module-map.md has the current one")
                .isEqualTo(expected);
    }

    /** Every module with the modules it uses (`shared`, which everyone may use, is left out to keep it legible). */
    static String moduleMap() {
        StringBuilder out = new StringBuilder(BEGIN).append("\n```mermaid\nflowchart LR\n");
        StringBuilder table = new StringBuilder("| Module | Uses |\n|---|---|\n");
        MODULES.stream()
                .sorted(Comparator.comparing(ModularityTests::name))
                .filter(m -> !name(m).equals("shared"))
                .forEach(m -> {
                    var uses = m.getDirectDependencies(MODULES)
                            .uniqueModules()
                            .map(ModularityTests::name)
                            .filter(n -> !n.equals("shared") && !n.equals(name(m)))
                            .sorted()
                            .toList();
                    if (uses.isEmpty()) {
                        out.append("  ").append(name(m)).append('\n');
                    }
                    uses.forEach(u -> out.append("  ")
                            .append(name(m))
                            .append(" --> ")
                            .append(u)
                            .append('\n'));
                    table.append("| `")
                            .append(name(m))
                            .append("` | ")
                            .append(uses.stream().map(u -> "`" + u + "`").collect(Collectors.joining(", ")))
                            .append(" |\n");
                });
        return out.append("```\n\n").append(table).append(END).toString();
    }

    static String name(ApplicationModule module) {
        return module.getIdentifier().toString();
    }
}
