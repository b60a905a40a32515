package dev.kontor.channels.email;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Dovecot (IMAP) and Postfix (SMTP) started for tests on loopback, each from a configuration of its own
 * in a temporary folder, with plain authentication: Postfix delivers the domain shop.test into maildirs that
 * Dovecot serves, refuses unknown recipients there with a 550 at RCPT, and accepts mail for other domains only to
 * bounce it. Needs root (both drop privileges to their own users) and the packages dovecot-imapd and postfix.
 */
final class RealMailServers implements AutoCloseable {

    static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    static final Path POSTFIX = Path.of("/usr/sbin/postfix");

    final Path root;
    final int imapPort;
    final int smtpPort;
    private final List<String> users;

    /** Whether this machine can run them: the packages are installed, we are root, and nobody said to skip. */
    static boolean available() {
        return !Boolean.getBoolean("skipRealMailTests")
                && Files.isExecutable(DOVECOT)
                && Files.isExecutable(POSTFIX)
                && "root".equals(System.getProperty("user.name"));
    }

    /** Starts both servers; {@code users} are local parts of shop.test, each with the password "secret". */
    RealMailServers(List<String> users) throws IOException, InterruptedException {
        this.users = users;
        root = Files.createTempDirectory(Path.of("/tmp"), "kontor-realmail-");
        imapPort = freePort();
        smtpPort = freePort();
        run("chmod", "755", root.toString());
        writeDovecot();
        writePostfix();
        run("chown", "-R", "dovecot:dovecot", root.resolve("mail").toString());
        run("chown", "postfix", root.resolve("pf/data").toString());
        startDovecot();
        run(POSTFIX.toString(), "-c", root.resolve("pf").toString(), "start");
        waitForPort(imapPort);
        waitForPort(smtpPort);
    }

    private void writeDovecot() throws IOException {
        Path d = root.resolve("dov");
        Files.createDirectories(d.resolve("run"));
        Files.createDirectories(d.resolve("state"));
        Files.createDirectories(root.resolve("mail"));
        StringBuilder passwd = new StringBuilder();
        for (String u : users) {
            passwd.append(u).append("@shop.test:{PLAIN}secret\n");
        }
        Files.writeString(d.resolve("passwd"), passwd);
        Files.writeString(d.resolve("dovecot.conf"), """
                base_dir = %1$s/dov/run
                state_dir = %1$s/dov/state
                log_path = %1$s/dov/dovecot.log
                protocols = imap
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                mail_location = maildir:%1$s/mail/%%d/%%n
                default_internal_user = dovecot
                default_login_user = dovenull
                first_valid_uid = 1
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN %1$s/dov/passwd
                }
                userdb {
                  driver = static
                  args = uid=dovecot gid=dovecot home=%1$s/mail/%%d/%%n
                }
                service imap-login {
                  chroot =
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service anvil {
                  chroot =
                }
                """.formatted(root, imapPort));
    }

    private void writePostfix() throws IOException, InterruptedException {
        Path p = root.resolve("pf");
        Files.createDirectories(p.resolve("queue"));
        Files.createDirectories(p.resolve("data"));
        StringBuilder boxes = new StringBuilder();
        for (String u : users) {
            boxes.append(u).append("@shop.test shop.test/").append(u).append("/\n");
        }
        Files.writeString(p.resolve("vmailbox"), boxes);
        String uid = output("id", "-u", "dovecot").strip();
        String gid = output("id", "-g", "dovecot").strip();
        Files.writeString(p.resolve("main.cf"), """
                compatibility_level = 3.6
                queue_directory = %1$s/pf/queue
                data_directory = %1$s/pf/data
                meta_directory = /etc/postfix
                command_directory = /usr/sbin
                daemon_directory = /usr/lib/postfix/sbin
                shlib_directory = /usr/lib/postfix
                mail_owner = postfix
                setgid_group = postdrop
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                myhostname = mx.kontor.test
                mydestination =
                mynetworks = 127.0.0.0/8
                smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
                virtual_mailbox_domains = shop.test
                virtual_mailbox_base = %1$s/mail
                virtual_mailbox_maps = texthash:%1$s/pf/vmailbox
                virtual_uid_maps = static:%2$s
                virtual_gid_maps = static:%3$s
                default_transport = error:mail to other domains is not delivered in this test setup
                maillog_file_prefixes = %1$s
                maillog_file = %1$s/pf/maillog
                biff = no
                """.formatted(root, uid, gid));
        String master = Files.readString(Path.of("/etc/postfix/master.cf"))
                .replaceFirst("(?m)^smtp\\s+inet\\s+n\\s+-\\s+\\S+\\s+", "127.0.0.1:" + smtpPort + " inet n - n ");
        Files.writeString(p.resolve("master.cf"), master);
    }

    void startDovecot() throws IOException, InterruptedException {
        run(DOVECOT.toString(), "-c", root.resolve("dov/dovecot.conf").toString());
        waitForPort(imapPort);
    }

    /** Kills Dovecot the hard way, master and every child of it, by their process ids. */
    void killDovecot() throws IOException, InterruptedException {
        String master = Files.readString(root.resolve("dov/run/master.pid")).strip();
        List<String> pids = new ArrayList<>(List.of(master));
        for (String child : output("ps", "-o", "pid=", "--ppid", master).split("\\s+")) {
            if (!child.isBlank()) {
                pids.add(child.strip());
            }
        }
        List<String> command = new ArrayList<>(List.of("kill", "-9"));
        command.addAll(pids);
        new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(10, TimeUnit.SECONDS);
        // Dovecot refuses to start while the process in its pid file looks alive, and a killed process lingers until
        // it is reaped (on a loaded machine, longer than any fixed pause): wait until each is gone or a zombie (which
        // holds no port), then drop the stale pid file.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (String pid : pids) {
            while (running(pid) && System.nanoTime() - end < 0) {
                Thread.sleep(50);
            }
        }
        Files.deleteIfExists(root.resolve("dov/run/master.pid"));
    }

    /** Whether the process exists and is not a zombie. */
    private static boolean running(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // The state follows the command name in parentheses: "1234 (dovecot) Z ...".
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder(POSTFIX.toString(), "-c", root.resolve("pf").toString(), "stop")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(30, TimeUnit.SECONDS);
        Path pid = root.resolve("dov/run/master.pid");
        if (Files.exists(pid)) {
            new ProcessBuilder("kill", Files.readString(pid).strip()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - end < 0) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port);
    }

    /** Output goes to a file: the daemons keep a pipe open for ever, a file they can keep. */
    private static void run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("kontor-realmail-", ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
        Files.deleteIfExists(log);
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
