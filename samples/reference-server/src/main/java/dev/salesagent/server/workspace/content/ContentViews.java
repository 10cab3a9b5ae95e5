package dev.salesagent.server.workspace.content;

import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Shapes shared by the content endpoints. */
final class ContentViews {

    private ContentViews() {
    }

    /**
     * One version of an item, without its body.
     *
     * @param version version number (1 = first)
     * @param title title
     * @param method rules, model or manual (an edit)
     * @param model model that wrote it, if any
     * @param createdAt when it was made
     */
    record VersionInfo(int version, String title, String method, String model, Instant createdAt) {
        static VersionInfo of(ContentStore.Item i) {
            return new VersionInfo(i.version(), i.body().title(), i.body().method(), i.body().model(),
                    i.versionCreatedAt());
        }
    }

    /** A page of items from a list fetched with one extra row. */
    static <T> Page<T> page(List<ContentStore.Item> rows, int size, Function<ContentStore.Item, T> view) {
        String next = rows.size() > size ? Cursors.encode(rows.get(size - 1).createdAt(), rows.get(size - 1).id()) : null;
        return new Page<>(rows.stream().limit(size).map(view).toList(), next);
    }

}
