package org.hearth.relay.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A dispatch hands each event loop one task, which runs that loop's work in the order given. */
class DeliveryBatchTest {
  @Test
  void eachLoopGetsOneTaskRunningItsWorkInOrder() {
    List<Runnable> loopOne = new ArrayList<>();
    List<Runnable> loopTwo = new ArrayList<>();
    Executor one = loopOne::add;
    Executor two = loopTwo::add;
    List<String> ran = new ArrayList<>();
    DeliveryBatch batch = new DeliveryBatch();
    batch.defer(one, () -> ran.add("a"));
    batch.defer(two, () -> ran.add("x"));
    batch.defer(one, () -> ran.add("b"));
    batch.defer(one, () -> ran.add("c"));
    assertThat(loopOne).as("nothing is handed over before run()").isEmpty();
    batch.run();
    assertThat(loopOne).hasSize(1);
    assertThat(loopTwo).hasSize(1);
    loopOne.get(0).run();
    assertThat(ran).containsExactly("a", "b", "c");
    loopTwo.get(0).run();
    assertThat(ran).containsExactly("a", "b", "c", "x");
  }
}
