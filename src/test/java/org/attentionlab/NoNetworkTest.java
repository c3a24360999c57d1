package org.attentionlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.attentionlab.cli.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app never touches the network. Every plain socket goes through a {@link java.net.SocketImplFactory}
 * and every HTTP(S) client asks the default {@link ProxySelector} first; both are replaced here by
 * recorders that refuse, and the main headless flows run. Any attempt fails the test.
 */
class NoNetworkTest {

    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();
    private static ProxySelector previous;

    @BeforeAll
    @SuppressWarnings("deprecation") // setSocketImplFactory is deprecated, but it is the one hook every java.net.Socket passes
    static void refuseTheNetwork() throws IOException {
        previous = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                ATTEMPTS.add("proxy lookup for " + uri);
                throw new IllegalStateException("network access attempted: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                ATTEMPTS.add("connect failed " + uri);
            }
        });
        try {
            Socket.setSocketImplFactory(() -> {
                ATTEMPTS.add("socket created on " + Thread.currentThread().getName());
                throw new IllegalStateException("network access attempted: a socket was created");
            });
        } catch (java.net.SocketException e) {
            // a factory is already installed by an earlier test in this JVM: the proxy check still runs
        }
    }

    @AfterAll
    static void restore() {
        ProxySelector.setDefault(previous);
    }

    @Test
    void theRecordersCatchAnAttempt() {
        int before = ATTEMPTS.size();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 9));
        } catch (IOException | RuntimeException expected) {
            // refused, as it should be
        }
        assertTrue(ATTEMPTS.size() > before, "the socket factory must see a socket being made");
        ATTEMPTS.subList(before, ATTEMPTS.size()).clear();
    }

    @Test
    void headlessFlowsMakeNoConnection(@TempDir Path dir) throws Exception {
        Path hyp = Files.writeString(dir.resolve("hyp.txt"), "男孩 踢 足球\n");
        Path ref = Files.writeString(dir.resolve("ref.txt"), "一个 小 男孩 在 踢 足球\n");
        Path bert = Path.of(NoNetworkTest.class.getResource("/bert/plain-f32").toURI());
        String[][] flows = {
            {"info"},
            {"attend", "--q", "[[0.5,0.5]]", "--k", "[[1,0],[0,1],[1,1]]", "--v", "[[1,0],[0,1],[1,1]]", "--no-scale"},
            {"pe", "--positions", "50", "--dim", "128"},
            {"tokenize", "--text", "我爱自然语言处理 Transformer"},
            {"bleu", ref.toString(), "-i", hyp.toString(), "-tok", "zh"},
            {"lessons", "validate", "lessons"},
            {"trace", "--model", bert.toString(), "--ids", "2,5,7,3"},
        };
        for (String[] args : flows) {
            StringWriter err = new StringWriter();
            int code = Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
            assertEquals(0, code, String.join(" ", args) + ": " + err);
        }
        assertEquals(List.of(), ATTEMPTS, "no flow may touch the network");
    }
}
