@checklist @order:1
Feature: Readiness
  Before any load is sent, the suite runs the load testing guide's pre-test checklist: the API's
  metrics answer, Redis answers PING, object storage is live, PostgreSQL answers SELECT 1.
  A component that is not checked is reported as not checked, never as passed.

  Scenario: Every component of the deployment answers before the tests start
    When the pre-test checklist runs
    Then the checklist names each component:
      | component |
      | api       |
      | redis     |
      | s3        |
      | postgres  |
    And no component fails the checklist
