package dev.salesagent.server.workspace.content;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * Markdown to PDF: CommonMark (with GitHub tables) renders the Markdown to XHTML, raw HTML in the Markdown escaped;
 * openhtmltopdf lays it out on A4 with a small print style sheet and writes the PDF through PDFBox. Text uses the
 * PDF base fonts (Latin-1 range).
 */
@Component
class MarkdownPdf {

    private static final String STYLE = """
            @page { size: A4; margin: 20mm 18mm; }
            body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.4; color: #222; }
            h1 { font-size: 18pt; margin: 0 0 8pt 0; }
            h2 { font-size: 13pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
            th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; }
            """;

    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private final HtmlRenderer html = HtmlRenderer.builder().extensions(List.of(TablesExtension.create()))
            .escapeHtml(true).build();

    /** The Markdown as an XHTML document with the print style sheet. */
    String xhtml(String title, String markdown) {
        return "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"UTF-8\" /><title>"
                + escape(title) + "</title><style>" + STYLE + "</style></head><body>"
                + html.render(parser.parse(markdown)) + "</body></html>";
    }

    /**
     * Renders Markdown to a PDF document.
     *
     * @param title document title (PDF metadata)
     * @param markdown the Markdown
     * @return the PDF's bytes
     * @throws UncheckedIOException if the layout engine fails to write the document
     */
    byte[] render(String title, String markdown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml(title, markdown), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF", e);
        }
        return out.toByteArray();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
