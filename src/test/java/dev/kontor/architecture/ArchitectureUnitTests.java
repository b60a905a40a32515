package dev.kontor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** House rules that the module structure alone does not enforce. */
class ArchitectureUnitTests {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kontor");

    @Test
    void controllersNeverTalkToTheDatabase() {
        noClasses()
                .that()
                .areAnnotatedWith(Controller.class)
                .or()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(DSLContext.class)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("..db..")
                .check(MAIN);
    }

    @Test
    void timeComesFromTheInjectedClockOutsidePlatform() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.kontor.platform..")
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .check(MAIN);
    }

    @Test
    void noFieldInjection() {
        fields().should().notBeAnnotatedWith(Autowired.class).check(MAIN);
    }

    /**
     * A reshaped module's public facades (its base package) speak in commands and views; its SQL lives in
     * repositories and query classes of its internal packages. Modules join this list as they are reshaped.
     */
    @Test
    void facadesOfReshapedModulesHoldNoSql() {
        for (String module : new String[] {"tickets"}) {
            noClasses()
                    .that()
                    .resideInAPackage("dev.kontor." + module)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.jooq..", "dev.kontor." + module + ".db..")
                    .because("the facades of '" + module + "' delegate SQL to its internal repositories")
                    .check(MAIN);
        }
    }

    @Test
    void generatedTablesStayInsideTheirModule() {
        for (String module :
                new String[] {"clients", "accounts", "customers", "tickets", "routing", "rules", "platform"}) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("dev.kontor." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.kontor." + module + ".db..")
                    .check(MAIN);
        }
    }
}
