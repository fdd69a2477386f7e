package io.cxone.themes.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.restassured.RestAssured;

/**
 * One HTTP/1.1 request over a plain socket to the test application, with the body sent as chunks the test controls: a
 * chunked body has no Content-Length, which is exactly what java.net.http and rest-assured hide.
 */
final class RawHttp implements AutoCloseable {
    /** Only stops a hung test (like support/Waits' ceiling); says nothing about speed. */
    private static final int CEILING_MS = 180_000;

    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private long sent;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(CEILING_MS);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Sends the request line and headers of a chunked POST. */
    static RawHttp chunkedPost(String path, String bearer) throws IOException {
        RawHttp http = new RawHttp(new Socket(InetAddress.getLoopbackAddress(), RestAssured.port));
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        http.out.write(head.getBytes(StandardCharsets.US_ASCII));
        return http;
    }

    /** Sends {@code data} as chunks of at most 64 KB. */
    void chunks(byte[] data) throws IOException {
        for (int at = 0; at < data.length; at += 65_536) {
            int length = Math.min(65_536, data.length - at);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, at, length);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            sent += length;
        }
        out.flush();
    }

    /** Sends {@code total} bytes of filler as chunks. */
    void filler(long total) throws IOException {
        byte[] block = "x".repeat(65_536).getBytes(StandardCharsets.US_ASCII);
        for (long left = total; left > 0; left -= block.length) {
            chunks(left >= block.length ? block : java.util.Arrays.copyOf(block, (int) left));
        }
    }

    void end() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    long sent() {
        return sent;
    }

    /** Reads one response: status, headers (lower-case names) and a Content-Length or chunked body. */
    Answer answer() throws IOException {
        String status = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    /** True when the server closed the connection: the next read ends (or the connection was reset). */
    boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("connection closed after '" + line + "'");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
