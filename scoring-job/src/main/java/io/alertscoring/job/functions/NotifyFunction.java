package io.alertscoring.job.functions;

import io.alertscoring.schemas.output.NotificationEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Turns scored rows into notification events; rows whose priority is not notified produce none. The
 * choice and the event's content are {@code io.alertscoring.job.logic.Notifications}.
 */
public final class NotifyFunction<T> implements FlatMapFunction<T, NotificationEvent> {
  private static final long serialVersionUID = 1L;

  private final SerializableFunction<T, NotificationEvent> toEvent;

  public NotifyFunction(SerializableFunction<T, NotificationEvent> toEvent) {
    this.toEvent = toEvent;
  }

  @Override
  public void flatMap(T row, Collector<NotificationEvent> out) throws Exception {
    NotificationEvent event = toEvent.apply(row);
    if (event != null) {
      out.collect(event);
    }
  }
}
