package dev.cowatch.server.media.upload;

import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.MediaRepository;
import dev.cowatch.server.media.MediaStatus;
import dev.cowatch.server.media.MediaStore;
import dev.cowatch.server.media.ServedType;
import dev.cowatch.server.media.UploadFileIds;
import dev.cowatch.server.media.probe.MediaInfo;
import dev.cowatch.server.media.probe.MediaToolException;
import dev.cowatch.server.media.probe.MediaTools;
import dev.cowatch.server.media.probe.Playability;
import dev.cowatch.server.media.probe.ProbeResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a completely uploaded item ({@code processing}) into a {@code ready} or {@code failed} one, in the
 * background: the original goes into the {@link MediaStore}, ffprobe says what it is, a video browsers cannot play
 * is converted to {@code media/<id>/playable.mp4}, a poster is made, and the details are written to the item. A file
 * that is not a video fails with the reason and its bytes are removed. Without ffprobe or ffmpeg the item still
 * becomes ready, with a warning saying what was not done.
 *
 * <p>Two executors: inspecting (store, probe, poster; two at a time) and converting (one at a time: a conversion
 * takes both cores of a small server). Jobs interrupted by a shutdown leave the item {@code processing}; {@link
 * #resumeAll} at the next start takes them up again. Progress is kept in memory only.
 */
public final class MediaProcessor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaProcessor.class);
  static final String PLAYABLE_TYPE = "video/mp4";
  /** How long deleting an item waits for its job to stop: ffmpeg is killed at once, a store write ends soon. */
  private static final Duration CANCEL_PATIENCE = Duration.ofSeconds(30);
  private static final int RESUME_BATCH = 1_000;

  private final MediaRepository items;
  private final MediaStore store;
  private final UploadFileIds fileIds;
  private final UploadStaging staging;
  private final MediaTools tools;
  private final Clock clock;
  private final ExecutorService inspecting = Executors.newFixedThreadPool(2, named("media-inspect"));
  private final ExecutorService converting = Executors.newSingleThreadExecutor(named("media-convert"));
  private final Map<String, ProcessingJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, Double> progress = new ConcurrentHashMap<>();
  private volatile boolean closing;

  public MediaProcessor(MediaRepository items, MediaStore store, UploadStaging staging, MediaTools tools,
      Clock clock) {
    this.items = items;
    this.store = store;
    this.fileIds = new UploadFileIds(store);
    this.staging = staging;
    this.tools = tools;
    this.clock = clock;
  }

  public MediaTools.Status tools() {
    return tools.status();
  }

  /** Processes the item soon (it must be {@code processing}); nothing when it is already queued or running. */
  public void submit(String mediaId) {
    ProcessingJob job = new ProcessingJob(mediaId);
    if (jobs.putIfAbsent(mediaId, job) != null) return;
    progress.put(mediaId, 0.0);
    try {
      inspecting.execute(() -> inspect(job));
    } catch (RejectedExecutionException e) {
      // Shutting down: the item stays processing and is taken up at the next start.
      jobs.remove(mediaId, job);
      progress.remove(mediaId);
    }
  }

  /** Items a previous run left {@code processing} (it stopped or crashed): processed again. */
  public int resumeAll() {
    List<MediaItem> left = items.withStatus(MediaStatus.PROCESSING, RESUME_BATCH);
    for (MediaItem item : left) submit(item.id());
    if (!left.isEmpty()) log.info("processing {} media item(s) again that were left unfinished", left.size());
    return left.size();
  }

  /** 0..1 while the item is being processed; empty otherwise. */
  public OptionalDouble progress(String mediaId) {
    Double p = progress.get(mediaId);
    return p == null ? OptionalDouble.empty() : OptionalDouble.of(p);
  }

  /** Stops the item's job and waits until it has stopped: nothing more is stored for it afterwards. */
  public void cancel(String mediaId) {
    ProcessingJob job = jobs.get(mediaId);
    if (job == null) return;
    try {
      if (!job.cancel(CANCEL_PATIENCE)) log.warn("processing of {} did not stop within {}", mediaId, CANCEL_PATIENCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What one job has found so far, carried from inspecting to converting. */
  private record Found(MediaItem item, Path local, boolean temporary, MediaInfo info, Playability verdict,
      List<String> warnings) {}

  private void inspect(ProcessingJob job) {
    if (!job.enter()) {
      finished(job);
      return;
    }
    Found found = null;
    boolean handedOn = false;
    try {
      MediaItem item = items.find(job.mediaId).orElse(null);
      if (item == null || item.status() != MediaStatus.PROCESSING) return;
      found = inspect(item);
      if (found == null) return;
      if (found.verdict().verdict() == Playability.Verdict.NEEDS_TRANSCODE && tools.transcoder().isPresent()) {
        Found f = found;
        converting.execute(() -> convert(job, f));
        handedOn = true;
        return;
      }
      finish(found, null);
    } catch (Exception e) {
      failUnlessStopping(job, e);
    } finally {
      job.exit();
      if (!handedOn) {
        cleanUp(found);
        finished(job);
      }
    }
  }

  /** The original stored and probed; null when the item failed (it has been marked so). */
  private Found inspect(MediaItem item) throws IOException, InterruptedException {
    Path local;
    boolean temporary = false;
    if (staging.exists(item.id()) && Files.size(staging.file(item.id())) == item.sizeBytes()) {
      local = staging.file(item.id());
      storeOriginal(item, local);
    } else {
      local = fetchOriginal(item);
      if (local == null) {
        fail(item.id(), "The uploaded file was lost before it could be checked; please upload it again.");
        return null;
      }
      temporary = true;
    }
    ProbeResult probe = tools.probe().probe(local);
    Playability verdict = Playability.assess(probe);
    List<String> warnings = new ArrayList<>(item.warnings());
    MediaInfo info = probe instanceof ProbeResult.Probed p ? p.info() : null;
    switch (verdict.verdict()) {
      case REJECTED -> {
        if (temporary) Files.deleteIfExists(local);
        fail(item.id(), verdict.message());
        return null;
      }
      case UNCHECKED -> warnings.add(verdict.message());
      case NEEDS_TRANSCODE -> {
        if (tools.transcoder().isEmpty()) {
          // finish() adds the tools' status, which says why.
          warnings.add("not converted: " + Playability.describe(info) + " may not play in browsers");
        }
      }
      case PLAYABLE -> { }
    }
    return new Found(item, local, temporary, info, verdict, warnings);
  }

  private void convert(ProcessingJob job, Found found) {
    if (!job.enter()) {
      cleanUp(found);
      finished(job);
      return;
    }
    try {
      String id = found.item().id();
      Path output = tools.transcoder().orElseThrow().transcode(found.local(), found.info(), staging.workDir(),
          fraction -> progress.put(id, Math.min(0.99, fraction)));
      try {
        long size = Files.size(output);
        String sha;
        try (InputStream in = Files.newInputStream(output)) {
          sha = store.put(playableKey(id), in, size);
        }
        MediaItem.Derived playable = new MediaItem.Derived(playableKey(id), size, sha, PLAYABLE_TYPE);
        found.warnings().add("converted from " + Playability.describe(found.info()) + " for browsers");
        finish(found, playable);
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (MediaToolException e) {
      fail(found.item().id(), e.getMessage());
    } catch (Exception e) {
      failUnlessStopping(job, e);
    } finally {
      job.exit();
      cleanUp(found);
      finished(job);
    }
  }

  /** Poster, details, warnings, status ready; the staged file is no longer needed. */
  private void finish(Found found, MediaItem.Derived playable) throws IOException, InterruptedException {
    String id = found.item().id();
    Set<String> warnings = new LinkedHashSet<>(found.warnings());
    String posterKey = null;
    MediaInfo info = found.info();
    try {
      fileIds.record(id, found.local());
    } catch (IOException e) {
      // Not fatal: the identity is computed from the store the first time a desktop player asks.
      log.warn("could not record the file identity of {} now: {}", id, e.getMessage());
    }
    if (info != null && tools.posters().isPresent()) {
      try {
        byte[] jpeg = tools.posters().get().poster(found.local(), info);
        store.put(MediaKeys.poster(id), new ByteArrayInputStream(jpeg), jpeg.length);
        posterKey = MediaKeys.poster(id);
      } catch (MediaToolException e) {
        warnings.add("no poster: " + e.getMessage());
      }
    } else if (info != null) {
      warnings.add(tools.status().message());
    }
    // The probe's type, never the one the uploader declared: unchecked bytes are served as an attachment
    // (ServedType). The converted file has its own type.
    String contentType = ServedType.recorded(found.verdict().contentType());
    MediaItem current = items.find(id).orElse(null);
    if (current == null || current.status() != MediaStatus.PROCESSING) {
      removeBytes(id); // deleted while being processed: what was just stored belongs to nobody
      return;
    }
    MediaItem done = current.withOutput(contentType, playable, List.copyOf(warnings), clock.millis());
    if (info != null) {
      MediaInfo.VideoStream video = info.video().orElse(null);
      done = done.withDetails(abbreviate(info.container()), video == null ? null : video.codec(),
          info.audio().map(MediaInfo.AudioStream::codec).orElse(null), info.durationMs() > 0 ? info.durationMs() : null,
          video == null ? null : video.width(), video == null ? null : video.height(), posterKey, clock.millis());
    } else if (posterKey != null) {
      done = done.withDetails(null, null, null, null, null, null, posterKey, clock.millis());
    }
    done = done.withStatus(MediaStatus.READY, null, clock.millis());
    if (!items.update(done)) {
      removeBytes(id);
      return;
    }
    staging.delete(id);
    log.info("media ready id={} type={} converted={} warnings={}", id, contentType, playable != null, warnings);
  }

  private void storeOriginal(MediaItem item, Path local) throws IOException {
    String key = MediaKeys.original(item.id());
    // A previous run may have stored it already (it stopped before finishing).
    if (store.size(key).orElse(-1) == item.sizeBytes()) return;
    String sha;
    try (InputStream in = Files.newInputStream(local)) {
      sha = store.put(key, in, item.sizeBytes());
    }
    if (item.sha256() != null && !item.sha256().equals(sha)) {
      throw new IOException("the staged file changed: SHA-256 " + sha + ", expected " + item.sha256());
    }
  }

  /** The stored original copied to the work directory (its staged copy is gone); null when it is not stored. */
  private Path fetchOriginal(MediaItem item) throws IOException {
    String key = MediaKeys.original(item.id());
    if (store.size(key).isEmpty()) return null;
    Path copy = Files.createTempFile(staging.workDir(), "original-", ".tmp");
    try (ReadableByteChannel in = store.open(key, 0, item.sizeBytes()); InputStream s = Channels.newInputStream(in)) {
      Files.copy(s, copy, StandardCopyOption.REPLACE_EXISTING);
      return copy;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(copy);
      throw e;
    }
  }

  private void failUnlessStopping(ProcessingJob job, Exception e) {
    if (closing || job.cancelled() || e instanceof InterruptedException) {
      log.info("processing of {} stopped ({}); it is taken up again at the next start unless deleted", job.mediaId,
          e.toString());
      return;
    }
    if (outOfSpace(e)) {
      // An operator's problem, not the file's: said so, once, without a stack trace.
      log.error("processing of media {} failed: the media store's disk is full ({})", job.mediaId, e.getMessage());
      fail(job.mediaId, "The server ran out of storage space while storing this file; nothing of it was kept. "
          + "Please upload it again later.");
      return;
    }
    log.error("processing of media {} failed", job.mediaId, e);
    fail(job.mediaId, "The server could not process this file (" + e.getClass().getSimpleName() + "); please "
        + "upload it again.");
  }

  /** A write refused for want of space (ENOSPC), anywhere in the causes. */
  static boolean outOfSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException && String.valueOf(t.getMessage()).contains("No space left")) return true;
    }
    return false;
  }

  /** Status failed with the reason; its bytes removed (a failed item holds none). */
  private void fail(String id, String message) {
    removeBytes(id);
    items.find(id).ifPresent(item -> {
      items.update(item.withOutput(item.contentType(), null, item.warnings(), clock.millis())
          .withStatus(MediaStatus.FAILED, message, clock.millis()));
      log.info("media failed id={}: {}", id, message);
    });
  }

  private void removeBytes(String id) {
    try {
      for (String key : store.list(MediaKeys.itemPrefix(id))) store.delete(key);
      staging.delete(id);
    } catch (IOException e) {
      log.warn("could not remove the files of media {}: {}", id, e.toString());
    }
  }

  private void cleanUp(Found found) {
    if (found == null || !found.temporary()) return;
    try {
      Files.deleteIfExists(found.local());
    } catch (IOException e) {
      log.warn("could not remove {}: {}", found.local(), e.toString());
    }
  }

  private void finished(ProcessingJob job) {
    jobs.remove(job.mediaId, job);
    progress.remove(job.mediaId);
  }

  static String playableKey(String mediaId) {
    return MediaKeys.itemPrefix(mediaId) + "playable.mp4";
  }

  private static String abbreviate(String container) {
    return container.length() <= 64 ? container : container.substring(0, 64);
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops every job (interrupting ffmpeg); their items stay processing for the next start. */
  @Override
  public void close() {
    closing = true;
    inspecting.shutdownNow();
    converting.shutdownNow();
    try {
      inspecting.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      converting.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
