package io.alertscoring.webhooks.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.webhooks.policy.OffsetTracker.Ticket;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  @Test
  void nothingTrackedNothingToCommit() {
    assertThat(new OffsetTracker().committable()).isEqualTo(-1);
  }

  @Test
  void commitsUpToTheLowestUnsettledOffset() {
    OffsetTracker t = new OffsetTracker();
    Ticket a = t.track(10);
    Ticket b = t.track(11);
    Ticket c = t.track(12);
    for (Ticket x : new Ticket[] {a, b, c}) {
      x.hold(); // one delivery each
      x.release(); // dispatched
    }
    assertThat(t.committable()).isEqualTo(10);
    c.release(); // 12 settles first
    assertThat(t.committable()).isEqualTo(10);
    b.release();
    assertThat(t.committable()).isEqualTo(10);
    a.release();
    assertThat(t.committable()).isEqualTo(13); // everything below 13 is done
    assertThat(t.unfinished()).isZero();
  }

  @Test
  void recordsWithoutDeliveriesAreDoneWhenDispatched() {
    OffsetTracker t = new OffsetTracker();
    t.track(0).release();
    t.track(1).release();
    assertThat(t.committable()).isEqualTo(2);
    Ticket slow = t.track(2);
    slow.hold();
    slow.release();
    t.track(3).release();
    t.track(4).release();
    assertThat(t.committable()).isEqualTo(2);
    slow.release();
    assertThat(t.committable()).isEqualTo(5);
  }

  @Test
  void aRecordWaitsForEveryDeliveryItStartedOrJoined() {
    OffsetTracker t = new OffsetTracker();
    Ticket r = t.track(7);
    r.hold(); // endpoint A
    r.hold(); // endpoint B (joined an in-flight delivery)
    r.release(); // dispatched
    r.release(); // A settled
    assertThat(t.committable()).isEqualTo(7);
    r.release(); // B settled
    assertThat(t.committable()).isEqualTo(8);
  }

  @Test
  void aRecordStillBeingDispatchedIsNotDone() {
    OffsetTracker t = new OffsetTracker();
    Ticket r = t.track(3);
    r.hold();
    r.release(); // its delivery settled before the record was handed to every endpoint
    assertThat(t.committable()).isEqualTo(3);
    r.release(); // dispatch hold
    assertThat(t.committable()).isEqualTo(4);
  }

  @Test
  void gapsInOffsetsAreFine() {
    OffsetTracker t = new OffsetTracker();
    t.track(100).release();
    Ticket r = t.track(250); // compacted or transaction markers in between
    assertThat(t.committable()).isEqualTo(250);
    r.release();
    assertThat(t.committable()).isEqualTo(251);
  }

  @Test
  void misuseIsLoud() {
    OffsetTracker t = new OffsetTracker();
    Ticket r = t.track(5);
    assertThatThrownBy(() -> t.track(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.track(4)).isInstanceOf(IllegalArgumentException.class);
    r.release();
    assertThatThrownBy(r::release).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(r::hold).isInstanceOf(IllegalStateException.class);
  }
}
