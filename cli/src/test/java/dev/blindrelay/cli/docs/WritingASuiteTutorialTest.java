package dev.blindrelay.cli.docs;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.RepoRoot;
import dev.blindrelay.testing.Wycheproof;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docs/writing-a-suite.md cannot go stale: this test takes every block that follows a {@code File:} line,
 * compiles the Java sources with {@link JavaCompiler} (the main sources against core-api alone), installs
 * the services files, loads the result in its own class loader and checks what the tutorial promises: the
 * registry finds the new KDF and suite, the alias resolves, the KDF passes every Wycheproof HKDF-SHA512
 * vector, the suite carries a real chat over TCP, the tutorial's own tests pass, and the real command line
 * lists the suite and runs the demo with it. The tutorial's pom.xml must use the project's versions.
 */
class WritingASuiteTutorialTest {

    static final String SUITE_ID = "X25519_HKDF-SHA512_CHACHA20-POLY1305";
    static final String ALIAS = "x25519-chacha-sha512";
    static final String KDF_ID = "HKDF-SHA512";

    /** {@code File: path} (the path may be in backticks), then a fenced block on the next line. */
    private static final Pattern FILE_LINE = Pattern.compile("^File: `?([^`\\s]+)`?\\s*$");

    @TempDir
    static Path work;

    private static Map<String, String> files;
    private static Path classes;
    private static Path testClasses;
    private static URLClassLoader loader;
    private static PluginRegistry registry;

    @BeforeAll
    static void buildTheTutorialProject() throws Exception {
        files = files(Files.readString(RepoRoot.find().resolve("docs/writing-a-suite.md"), StandardCharsets.UTF_8));
        classes = Files.createDirectories(work.resolve("classes"));
        testClasses = Files.createDirectories(work.resolve("test-classes"));
        Path sources = work.resolve("project");
        List<Path> main = new ArrayList<>();
        List<Path> tests = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = sources.resolve(file.getKey());
            Files.createDirectories(path.getParent() == null ? sources : path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            if (file.getKey().startsWith("src/main/java/")) {
                main.add(path);
            } else if (file.getKey().startsWith("src/test/java/")) {
                tests.add(path);
            } else if (file.getKey().startsWith("src/main/resources/")) {
                Path resource = classes.resolve(file.getKey().substring("src/main/resources/".length()));
                Files.createDirectories(resource.getParent());
                Files.writeString(resource, file.getValue(), StandardCharsets.UTF_8);
            }
        }
        // The plugin compiles against core-api alone, as its pom.xml promises (core-api, provided).
        compile(main, location(Kdf.class), classes);
        compile(tests, System.getProperty("java.class.path") + File.pathSeparator + classes, testClasses);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), testClasses.toUri().toURL()},
                WritingASuiteTutorialTest.class.getClassLoader());
        registry = PluginRegistry.load(loader);
    }

    @AfterAll
    static void closeLoader() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    /** The fenced blocks that follow a {@code File:} line, by path, in document order. */
    static Map<String, String> files(String markdown) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher file = FILE_LINE.matcher(lines.get(i));
            if (!file.matches()) {
                continue;
            }
            assertThat(lines.get(i + 1)).as("the line after '%s' opens a fenced block", lines.get(i)).startsWith("```");
            StringBuilder body = new StringBuilder();
            int j = i + 2;
            for (; !lines.get(j).startsWith("```"); j++) {
                body.append(lines.get(j)).append('\n');
            }
            assertThat(out.put(file.group(1), body.toString())).as("%s appears once", file.group(1)).isNull();
            i = j;
        }
        return out;
    }

    private static void compile(List<Path> sources, String classpath, Path output) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK with javac").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-Xlint:all,-processing,-serial,-path", "-Werror",
                    "-classpath", classpath, "-d", output.toString());
            boolean ok = compiler.getTask(null, manager, diagnostics, options, null,
                    manager.getJavaFileObjectsFromPaths(sources)).call();
            String report = diagnostics.getDiagnostics().stream().map(WritingASuiteTutorialTest::describe)
                    .collect(Collectors.joining("\n"));
            assertThat(ok).as("the tutorial's code compiles without warnings:\n%s", report).isTrue();
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        return d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName()) + ":" + d.getLineNumber()
                + " " + d.getMessage(Locale.ROOT);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tutorial_containsTheWholeProject() {
        assertThat(files.keySet()).containsExactly(
                "pom.xml",
                "src/main/java/org/example/sha512/HkdfSha512.java",
                "src/main/java/org/example/sha512/X25519Sha512ChaChaSuite.java",
                "src/main/resources/META-INF/services/dev.blindrelay.spi.Kdf",
                "src/main/resources/META-INF/services/dev.blindrelay.spi.NamedSuite",
                "src/test/java/org/example/sha512/HkdfSha512Test.java",
                "src/test/java/org/example/sha512/X25519Sha512ChaChaSuiteTest.java");
    }

    @Test
    void servicesFiles_nameClassesThatImplementTheirInterface() throws Exception {
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getKey().contains("META-INF/services/")) {
                continue;
            }
            Class<?> service = Class.forName(file.getKey().substring(file.getKey().lastIndexOf('/') + 1));
            for (String name : file.getValue().strip().lines().toList()) {
                Class<?> type = Class.forName(name.strip(), false, loader);
                assertThat(type.getClassLoader()).as("%s comes from the tutorial", name).isSameAs(loader);
                assertThat(service.isAssignableFrom(type)).as("%s implements %s", name, service.getName()).isTrue();
            }
        }
    }

    @Test
    void registry_findsTheNewKdfAndSuiteByAlias() {
        assertThat(registry.failures()).isEmpty();
        Kdf kdf = registry.kdfs().get(KDF_ID);
        assertThat(kdf.getClass().getClassLoader()).isSameAs(loader);
        assertThat(kdf.hashLength()).isEqualTo(64);
        assertThat(kdf.provider()).isEqualTo("SunJCE");
        NamedSuite named = registry.namedSuites().get(SUITE_ID);
        assertThat(named.alias()).isEqualTo(ALIAS);

        CipherSuite suite = registry.suite(ALIAS);

        assertThat(suite.id()).isEqualTo(SUITE_ID);
        assertThat(suite.kdf()).isSameAs(kdf);
        assertThat(suite.keyAgreement().id()).isEqualTo("X25519");
        assertThat(suite.aead().id()).isEqualTo("CHACHA20-POLY1305");
        assertThat(registry.suites()).contains(suite);
    }

    /** Valid: expand(extract(salt, ikm), info, size) == okm. Invalid (SizeTooLarge): expand refuses. */
    @Test
    void kdf_passesEveryWycheproofHkdfSha512Vector() throws Exception {
        Kdf kdf = registry.kdfs().get(KDF_ID);
        List<Wycheproof.Case> cases = Wycheproof.cases("hkdf_sha512_test.json");
        int valid = 0;
        int invalid = 0;
        for (Wycheproof.Case c : cases) {
            byte[] prk = kdf.extract(c.hex("salt"), c.hex("ikm"));
            int size = c.test().get("size").asInt();
            if (c.valid()) {
                assertThat(kdf.expand(prk, c.hex("info"), size)).as(c.toString()).isEqualTo(c.hex("okm"));
                valid++;
            } else {
                assertThatThrownBy(() -> kdf.expand(prk, c.hex("info"), size)).as(c.toString())
                        .isInstanceOf(GeneralSecurityException.class);
                invalid++;
            }
        }
        assertThat(new int[] {valid, invalid}).containsExactly(80, 3);
    }

    @Test
    void suite_carriesARealChatOverTcp() throws Exception {
        CipherSuite suite = registry.suite(ALIAS);
        try (ChatHarness chat = ChatHarness.start(registry.transports().get("tcp"), suite, RelayLimits.defaults(),
                RelayObserver.NONE)) {
            ChatHarness.Client alice = chat.join("alice");
            ChatHarness.Client bob = chat.join("bob");
            String code = alice.events().awaitSecured("bob").safetyCode();
            assertThat(bob.events().awaitSecured("alice").safetyCode()).isEqualTo(code);
            assertThat(alice.chat().sessionSuite("bob").orElseThrow().id()).isEqualTo(SUITE_ID);

            long id = alice.chat().send("hello over HKDF-SHA512").orElseThrow();
            bob.events().awaitMessage("alice", "hello over HKDF-SHA512");
            alice.events().awaitDelivered("bob", id);
            bob.chat().send("and back");
            alice.events().awaitMessage("bob", "and back");
        }
    }

    /** The tutorial's two test classes, run as JUnit would: a fresh instance per {@code @Test} method. */
    @Test
    void tutorialTests_pass() throws Exception {
        List<String> ran = new ArrayList<>();
        for (String path : files.keySet()) {
            if (!path.startsWith("src/test/java/")) {
                continue;
            }
            String name = path.substring("src/test/java/".length(), path.length() - ".java".length()).replace('/', '.');
            Class<?> type = Class.forName(name, true, loader);
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Test.class)) {
                    continue;
                }
                Constructor<?> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                method.setAccessible(true);
                try {
                    method.invoke(constructor.newInstance());
                } catch (InvocationTargetException e) {
                    throw new AssertionError("the tutorial's test " + name + "." + method.getName() + " failed",
                            e.getCause());
                }
                ran.add(type.getSimpleName() + "." + method.getName());
            }
        }
        assertThat(ran).hasSize(4);
    }

    /** What section 8 and 9 show: the real command line, with the tutorial's classes on its classpath. */
    @Test
    void commandLine_listsTheSuiteAndRunsTheDemoWithIt() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator)) + File.pathSeparator + classes;

        Run suites = java(classpath, "suites");
        assertThat(suites.exitCode()).as(suites.output()).isZero();
        assertThat(suites.output()).contains(SUITE_ID + "  (alias: " + ALIAS + ")")
                .containsPattern("KDF +HKDF-SHA512 +hash 64 B +provider SunJCE");

        Run demo = java(classpath, "demo", "--suite", ALIAS);
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("=== BlindRelay demo: suite " + SUITE_ID + ", ratchet sessions, over tcp ===")
                .contains("[SUCCESS] Secure Channel Established!")
                .contains("Plaintext of the 6 messages found in relay traffic: none");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run java(String classpath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "dev.blindrelay.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process finished").isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The pom.xml uses the project's own versions, so following the tutorial builds against this release. */
    @Test
    void pom_usesTheProjectsVersions() throws Exception {
        Document parent = xml(Files.readString(RepoRoot.find().resolve("pom.xml"), StandardCharsets.UTF_8));
        Document pom = xml(files.get("pom.xml"));
        Element parentProject = parent.getDocumentElement();
        Element project = pom.getDocumentElement();
        Map<String, String> parentProperties = properties(parentProject);
        Map<String, String> properties = properties(project);

        assertThat(properties.get("blindrelay.version")).isEqualTo(text(parentProject, "version"));
        assertThat(properties.get("maven.compiler.release")).isEqualTo(parentProperties.get("maven.compiler.release"));
        Map<String, String> versionProperty = Map.of("junit-jupiter", "junit.version",
                "assertj-core", "assertj.version", "jackson-databind", "jackson.version", "slf4j-simple", "slf4j.version");
        List<String> checked = new ArrayList<>();
        for (Element dependency : elements(element(project, "dependencies"), "dependency")) {
            String artifact = text(dependency, "artifactId");
            String version = text(dependency, "version");
            if (text(dependency, "groupId").equals("dev.blindrelay")) {
                assertThat(version).as(artifact).isEqualTo("${blindrelay.version}");
                if (artifact.equals("core-api") && text(dependency, "type") == null) {
                    assertThat(text(dependency, "scope")).as("core-api scope").isEqualTo("provided");
                }
            } else {
                assertThat(versionProperty).as("a known version property for %s", artifact).containsKey(artifact);
                assertThat(version).as(artifact).isEqualTo(parentProperties.get(versionProperty.get(artifact)));
            }
            checked.add(artifact);
        }
        assertThat(checked).contains("core-api", "suite-x25519-chacha", "junit-jupiter");
        Map<String, String> managedPlugins = new LinkedHashMap<>();
        Element pluginManagement = element(element(parentProject, "build"), "pluginManagement");
        for (Element plugin : elements(element(pluginManagement, "plugins"), "plugin")) {
            managedPlugins.put(text(plugin, "artifactId"), text(plugin, "version"));
        }
        for (Element plugin : elements(element(element(project, "build"), "plugins"), "plugin")) {
            assertThat(text(plugin, "version")).as(text(plugin, "artifactId"))
                    .isEqualTo(managedPlugins.get(text(plugin, "artifactId")));
        }
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element property : elements(element(project, "properties"), null)) {
            out.put(property.getTagName(), property.getTextContent().strip());
        }
        return out;
    }

    /** The text of the direct child element {@code name}, or null. */
    private static String text(Element parent, String name) {
        Element child = element(parent, name);
        return child == null ? null : child.getTextContent().strip();
    }

    /** The first direct child element {@code name}, or null. */
    private static Element element(Element parent, String name) {
        List<Element> found = elements(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Direct child elements named {@code name} (all of them when null). */
    private static List<Element> elements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && (name == null || element.getTagName().equals(name))) {
                out.add(element);
            }
        }
        return out;
    }
}
