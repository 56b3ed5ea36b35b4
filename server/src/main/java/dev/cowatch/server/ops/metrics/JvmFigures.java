package dev.cowatch.server.ops.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.concurrent.locks.ReentrantLock;

/** Micrometer's JVM and process binders: heap and pools, GC pauses, threads, classes, CPU, file descriptors, uptime. */
public final class JvmFigures implements AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();
  /** Listens to GC notifications until closed. */
  private JvmGcMetrics gc;
  private boolean closed;

  public void bindTo(MeterRegistry registry) {
    lock.lock();
    try {
      if (closed || gc != null) return;
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new FileDescriptorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      gc = new JvmGcMetrics();
      gc.bindTo(registry);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (gc != null) gc.close();
    } finally {
      lock.unlock();
    }
  }
}
