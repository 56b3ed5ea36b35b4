package dev.cowatch.e2e;

import dev.cowatch.e2e.AdaptiveStreams.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The DASH form of {@link AdaptiveStreams}: ffmpeg's DASH muxer makes one single-period MPD per part (each in
 * the part's folder), and this joins them into one multi-period MPD, as a server-side ad inserter does: each
 * Period placed by its start, its segments' paths led into its folder, the ad's Period marked by an EventStream.
 */
final class DashPeriods {
  static final String MPD_NS = "urn:mpeg:dash:schema:mpd:2011";
  /** The ad marker's scheme: a site's own, as real ones are (SCTE-35 schemes need a binary payload). */
  static final String AD_SCHEME = "urn:cowatch:ad";
  static final String AUDIO = "audio";
  private static final Pattern SEGMENT = Pattern.compile("seg-(\\d+)-(\\d+)\\.m4s");

  private DashPeriods() {}

  static void write(AdaptiveStreams streams, List<List<Path>> encoded) throws IOException, InterruptedException {
    Path dash = Files.createDirectories(streams.dir().resolve("dash"));
    Document merged = null;
    List<Part> parts = streams.parts();
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      Path folder = Files.createDirectories(dash.resolve(part.id()));
      Path single = folder.resolve("part.mpd");
      List<String> command = new ArrayList<>(List.of(AdaptiveStreams.FFMPEG.toString(), "-nostdin", "-y", "-v", "error"));
      for (Path input : encoded.get(i)) command.addAll(List.of("-i", input.toString()));
      for (int k = 0; k < encoded.get(i).size(); k++) command.addAll(List.of("-map", k + ":v"));
      // Every rendition carries the same audio: the DASH form keeps one copy, in an adaptation set of its own.
      command.addAll(List.of("-map", "0:a", "-c", "copy", "-f", "dash", "-seg_duration", String.valueOf(AdaptiveStreams.SEGMENT_SECONDS),
          "-use_template", "1", "-use_timeline", "1", "-adaptation_sets", "id=0,streams=v id=1,streams=a",
          "-init_seg_name", "init-$RepresentationID$.mp4", "-media_seg_name", "seg-$RepresentationID$-$Number%05d$.m4s",
          single.toString()));
      AdaptiveStreams.run("the DASH part " + part.id(), command);
      Document doc = parse(single);
      Files.delete(single);
      Element onePeriod = children(doc.getDocumentElement(), "Period").getFirst();
      if (merged == null) {
        merged = doc;
        for (String drop : List.of("Period", "ProgramInformation", "ServiceDescription")) {
          for (Element e : children(merged.getDocumentElement(), drop)) merged.getDocumentElement().removeChild(e);
        }
      }
      Element period = (Element) merged.importNode(onePeriod, true);
      place(period, part, folder);
      merged.getDocumentElement().appendChild(period);
    }
    if (merged == null) throw new IllegalStateException("no parts");
    merged.getDocumentElement().setAttribute("mediaPresentationDuration", duration(streams.presentationMs()));
    save(merged, streams.dashManifest());
  }

  /** Names the Period, places it on the presentation timeline and points its templates into its folder. */
  private static void place(Element period, Part part, Path folder) throws IOException {
    period.setAttribute("id", part.id());
    period.setAttribute("start", duration(part.startMs()));
    period.setAttribute("duration", duration(part.durationMs()));
    for (Element set : children(period, "AdaptationSet")) {
      // ffmpeg claims bitstream switching, which holds only for one init segment; each rendition has its own.
      set.removeAttribute("bitstreamSwitching");
      for (Element rep : children(set, "Representation")) {
        int stream = Integer.parseInt(rep.getAttribute("id"));
        String name = stream < AdaptiveStreams.RENDITIONS.size() ? AdaptiveStreams.RENDITIONS.get(stream).name() : AUDIO;
        rename(folder, stream, name);
        rep.setAttribute("id", name);
        Element template = children(rep, "SegmentTemplate").getFirst();
        template.setAttribute("initialization", part.id() + "/$RepresentationID$-init.mp4");
        template.setAttribute("media", part.id() + "/$RepresentationID$-$Number%05d$.m4s");
        // Each part's media time starts at its first segment's: that time is where the Period's start lies.
        Element first = children(children(template, "SegmentTimeline").getFirst(), "S").getFirst();
        template.setAttribute("presentationTimeOffset", first.hasAttribute("t") ? first.getAttribute("t") : "0");
      }
    }
    if (part.ad()) {
      Document doc = period.getOwnerDocument();
      Element events = doc.createElementNS(MPD_NS, "EventStream");
      events.setAttribute("schemeIdUri", AD_SCHEME);
      events.setAttribute("timescale", "1000");
      Element event = doc.createElementNS(MPD_NS, "Event");
      event.setAttribute("presentationTime", "0");
      event.setAttribute("duration", String.valueOf(part.durationMs()));
      event.setAttribute("id", "1");
      events.appendChild(event);
      // The schema puts EventStream before the adaptation sets.
      period.insertBefore(events, children(period, "AdaptationSet").getFirst());
    }
  }

  /** ffmpeg names files by stream index; the server counts segments by rendition, so they carry its name. */
  private static void rename(Path folder, int stream, String name) throws IOException {
    Files.move(folder.resolve("init-" + stream + ".mp4"), folder.resolve(name + "-init.mp4"));
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Matcher m = SEGMENT.matcher(f.getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(1)) == stream) Files.move(f, folder.resolve(name + "-" + m.group(2) + ".m4s"));
      }
    }
  }

  /** ffmpeg's indentation, left between the moved elements, would come out as blank lines. */
  private static void dropBlankText(Node node) {
    NodeList all = node.getChildNodes();
    for (int i = all.getLength() - 1; i >= 0; i--) {
      Node child = all.item(i);
      if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) node.removeChild(child);
      else dropBlankText(child);
    }
  }

  static String duration(long ms) {
    return "PT" + AdaptiveStreams.seconds(ms) + "S";
  }

  static List<Element> children(Node parent, String localName) {
    List<Element> found = new ArrayList<>();
    NodeList all = parent.getChildNodes();
    for (int i = 0; i < all.getLength(); i++) {
      if (all.item(i) instanceof Element e && localName.equals(e.getLocalName())) found.add(e);
    }
    return found;
  }

  static Document parse(Path file) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(file.toFile());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("cannot read " + file, e);
    }
  }

  private static void save(Document doc, Path file) throws IOException {
    dropBlankText(doc.getDocumentElement());
    try {
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.transform(new DOMSource(doc), new StreamResult(file.toFile()));
    } catch (TransformerException e) {
      throw new IOException("cannot write " + file, e);
    }
  }
}
