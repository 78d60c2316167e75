package io.ginpreflight.config;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Gin Preflight's own version, from the project's pom.xml, so that a run records which suite judged it:
 * a change of the suite's rules shows in the history as clearly as a change of the service.
 */
public final class ProjectVersion {

  private ProjectVersion() {}

  /** The project's {@code <version>}, or {@code unknown} when the pom cannot be read. */
  public static String read(Path projectDir) {
    Path pom = projectDir.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return "unknown";
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
      for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element element && element.getTagName().equals("version")) {
          return element.getTextContent().trim();
        }
      }
      return "unknown";
    } catch (Exception unreadable) {
      return "unknown";
    }
  }
}
