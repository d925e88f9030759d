@explicit @while-running @order:7
Feature: Limits held while a test runs
  Some limits are judged during the load, not after it: a threshold that must hold in every window of
  the test, not only over its whole length, and a rule that stops the test early to protect the
  deployment once it clearly gives up. This feature runs the concurrent uploads test with such limits,
  so it runs on its own (it is @explicit): ./acceptance run -- --filter "Category=while-running"

  Scenario: Uploads hold their limits in every window and stop when the deployment gives up
    Given while it runs, the test is held to:
      | criterion               | threshold                       |
      | P95 response time       | below 5 s in every 10s window   |
      | success rate            | above 95 % in every 10s window  |
      | abort when success rate | below 20 % for 10s              |
    When the concurrent uploads test runs
    Then it held those limits while it ran
