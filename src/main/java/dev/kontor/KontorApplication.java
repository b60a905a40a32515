package dev.kontor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KontorApplication {

    public static void main(String[] args) {
        // "java -jar kontor.jar import FILE --url ... --token ...": a client of a running Kontor, no server started.
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(dev.kontor.imports.ImportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(KontorApplication.class, args);
    }
}
