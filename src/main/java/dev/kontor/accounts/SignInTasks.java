package dev.kontor.accounts;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Forgets old failed sign-in counts hourly, on one node at a time, so made-up addresses do not pile up. */
@Configuration(proxyBeanMethods = false)
class SignInTasks {

    @Bean
    RecurringTask<Void> signInThrottleCleanupTask(SignInThrottle throttle) {
        return Tasks.recurring("sign-in-throttle-cleanup", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> throttle.forgetStale());
    }
}
