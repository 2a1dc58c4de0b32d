package com.beiying.gateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection driven by one thread. The benchmark uses this instead of the
 * JDK client so that the load generator, which shares the two cores with the gateway, spends as
 * little CPU per request as possible: its cost would otherwise be charged to the gateway.
 */
final class HttpConnection implements Closeable {
    /** A status code and the body, or -1 and the reason when the exchange failed. */
    record Response(int status, byte[] body) {
        boolean contains(String text) {
            return new String(body, StandardCharsets.UTF_8).contains(text);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    HttpConnection(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
    }

    /** Sends one request (reconnecting if the server closed the connection) and reads the answer. */
    Response exchange(String method, String path, String[] headers, byte[] body) throws IOException {
        byte[] head = head(method, path, headers, body.length);
        if (socket == null) {
            connect();
        }
        try {
            return send(head, body);
        } catch (IOException e) {
            // A kept-alive connection the server closed between requests: one fresh try, as clients do.
            close();
            connect();
            return send(head, body);
        }
    }

    private Response send(byte[] head, byte[] body) throws IOException {
        out.write(head);
        out.write(body);
        out.flush();
        return read();
    }

    private byte[] head(String method, String path, String[] headers, int length) {
        StringBuilder b = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            b.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (length > 0 || !method.equals("GET")) {
            b.append("Content-Length: ").append(length).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = all.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("body cut short");
            }
        } else {
            body = in.readAllBytes();
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(code, body);
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
