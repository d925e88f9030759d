@guide-test-1 @uploads @order:2
Feature: Concurrent uploads
  Guide test 1 identifies API and database bottlenecks during concurrent file uploads: many users
  upload manga pages at the same time, each upload creating a processing job.

  Scenario: Many users upload pages at the same time
    When the concurrent uploads test runs
    Then the test meets these criteria:
      | criterion         | threshold  | warning      |
      | success rate      | above 95 % | 90 % to 95 % |
      | P95 response time | below 5 s  | 1 s to 5 s   |
      | job failure rate  | below 5 %  |              |
    And no key figure regressed against the last 10 runs of this profile:
      | figure              | tolerated change |
      | upload P95          | 10 %             |
      | upload success rate | 1 point          |
    And every error is classified as the guide's table says
    And the bottleneck diagnosis quotes its evidence
