@guide-test-3 @worker @order:4
Feature: Worker processing
  Guide test 3 identifies worker CPU bottlenecks and database lock contention: users create jobs
  and follow each one until it is completed or failed.

  Scenario: Users create jobs and follow them to the end
    When the worker processing test runs
    Then the test meets these criteria:
      | criterion           | threshold       | warning      |
      | job success rate    | above 95 %      | 90 % to 95 % |
      | P95 completion time | below 2 minutes |              |
      | job failure rate    | below 5 %       |              |
    And no key figure regressed against the last 10 runs of this profile:
      | figure              | tolerated change |
      | job completion P95  | 20 %             |
      | status P95          | 20 %             |
    And jobs that failed, timed out or ended with no known fate are counted apart
    And every error is classified as the guide's table says
    And the bottleneck diagnosis quotes its evidence
