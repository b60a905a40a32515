package dev.kontor.channels.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small SMTP server on loopback that answers RCPT TO with a reply the test chooses (GreenMail accepts every
 * recipient) and records the commands it gets; it advertises no AUTH, like a relay that needs none.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile String rcptReply = "250 2.1.5 Ok";
    private volatile int accepted;

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "scripted-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void answerRcpt(String reply) {
        rcptReply = reply;
    }

    List<String> commands() {
        return commands;
    }

    int accepted() {
        return accepted;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                talk(s);
            } catch (IOException e) {
                // closed, or the client went away: next connection
            }
        }
    }

    private void talk(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        send(out, "220 scripted.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO" -> send(out, "250-scripted.test\r\n250 8BITMIME");
                case "HELO", "MAIL", "RSET", "NOOP" -> send(out, "250 2.0.0 Ok");
                case "RCPT" -> send(out, rcptReply);
                case "DATA" -> {
                    send(out, "354 End data with <CR><LF>.<CR><LF>");
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        // the message itself is not looked at
                    }
                    accepted++;
                    send(out, "250 2.0.0 Ok: queued");
                }
                case "QUIT" -> {
                    send(out, "221 2.0.0 Bye");
                    return;
                }
                default -> send(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
