package dev.salesagent.common.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM ({@code sdk-bom/pom.xml}) lists exactly the published artifacts of the reactor: every jar module reachable
 * from the root pom's {@code <modules>} whose {@code salesagent.unpublished} property (own or inherited from its
 * aggregator, as for {@code samples/*} and {@code benchmarks}) is not {@code true}. Lives in sdk-common only because
 * that is the first module of the build; it reads the poms with the JDK's XML parser.
 */
class BomMatchesReactorTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void bomListsEveryPublishedModuleAndNothingElse() throws Exception {
        Set<String> published = new TreeSet<>();
        collectPublished(ROOT, false, published);

        Document bom = parse(ROOT.resolve("sdk-bom/pom.xml"));
        Set<String> listed = new TreeSet<>();
        Element depMgmt = child(bom.getDocumentElement(), "dependencyManagement");
        for (Element dep : children(child(depMgmt, "dependencies"), "dependency")) {
            assertThat(text(dep, "groupId")).isEqualTo("dev.salesagent");
            assertThat(text(dep, "version")).as("version of %s", text(dep, "artifactId"))
                    .isEqualTo("${project.version}");
            assertThat(listed.add(text(dep, "artifactId"))).as("listed twice: %s", text(dep, "artifactId")).isTrue();
        }

        assertThat(published).as("sanity: the reactor walk finds the SDK modules")
                .contains("sdk-common", "sdk-core", "sdk-spring-boot-starter")
                .doesNotContain("sdk-bom", "benchmarks", "quickstart");
        assertThat(listed).as("sdk-bom/pom.xml must list exactly the published reactor modules").isEqualTo(published);
    }

    @Test
    void bomVersionFollowsTheRootPom() throws Exception {
        String rootVersion = text(parse(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
        String bomVersion = text(parse(ROOT.resolve("sdk-bom/pom.xml")).getDocumentElement(), "version");
        assertThat(bomVersion).isEqualTo(rootVersion);
    }

    private static void collectPublished(Path dir, boolean inheritedUnpublished, Set<String> out) throws Exception {
        Element project = parse(dir.resolve("pom.xml")).getDocumentElement();
        boolean unpublished = inheritedUnpublished;
        Element props = child(project, "properties");
        if (props != null && child(props, "salesagent.unpublished") != null) {
            unpublished = Boolean.parseBoolean(text(props, "salesagent.unpublished"));
        }
        String packaging = child(project, "packaging") == null ? "jar" : text(project, "packaging");
        String artifactId = text(project, "artifactId");
        if (!"pom".equals(packaging) && !unpublished) {
            out.add(artifactId);
        }
        Element modules = child(project, "modules");
        if (modules != null) {
            for (Element module : children(modules, "module")) {
                collectPublished(dir.resolve(module.getTextContent().trim()), unpublished, out);
            }
        }
    }

    private static Document parse(Path pom) throws Exception {
        assertThat(pom).exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                result.add(e);
            }
        }
        return result;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        assertThat(e).as("<%s> in <%s>", name, parent.getTagName()).isNotNull();
        return e.getTextContent().trim();
    }
}
