@guide-test-4 @bottleneck @order:5
Feature: Bottleneck detection
  Guide test 4 ramps the load up step by step to find where the system breaks: response time
  degradation, rising errors, queue saturation, and the machine's CPU and memory. Its stages are
  fitted with a pool of servers or the Universal Scalability Law, whichever reads them better, to say
  how far past the expected load the deployment holds.

  Scenario: The load ramps up until something gives
    When the bottleneck detection test ramps the users up
    Then up to 100 users the test meets these criteria:
      | criterion                            | threshold       | warning      |
      | success rate                         | above 95 %      | 90 % to 95 % |
      | response time increase from baseline | below 50 %      |              |
      | queue depth                          | below 1000 jobs |              |
      | CPU usage                            | below 80 %      |              |
      | memory usage                         | below 85 %      |              |
    And the breaking point is reported
    And every error is classified as the guide's table says
    And the bottleneck diagnosis quotes its evidence
    And the deployment has headroom over the expected concurrency:
      | criterion                              | threshold                        |
      | users before any criterion breaks      | at least 2 × 50                  |
      | sustainable upload rate for the worker | at least 1.5 × the expected rate |

