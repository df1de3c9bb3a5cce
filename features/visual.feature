@visual
Feature: Every page and dialog of the activation looks as it did
  Nothing notices when a release changes how a page looks (a button that turns red, a hint
  that disappears) unless a picture of each page state is compared with its baseline.
  Values that differ from run to run (a delegation record's, a username) are masked.

  Background:
    Given a CEC has a delegation email

  @guide-step-2
  Scenario: Create Your Account, empty and with the errors DC-101 and DC-102, looks as it did
    When the CEC opens the sign-up link
    Then the page looks like its baseline "create-account"
    When the CEC clicks CONTINUE
    Then the page says "Delegation Code is required." (DC-101)
    And the page looks like its baseline "create-account-dc-101"
    When the CEC clicks CONTINUE with a Delegation Code no email holds
    Then the page says "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name and CEC Certification # and try again." (DC-102)
    And the page looks like its baseline "create-account-dc-102"

  @guide-step-3
  Scenario: Use of the Website, and the Terms dialog open, look as they did
    Given the CEC has reached the "Use of the Website" page
    Then the page looks like its baseline "use-of-the-website"
    When the CEC selects "View the Terms and Conditions of Use"
    Then the terms show the sections "Purpose of This Agreement", "Privacy Policy" and "Notices Required Under Government Code Section 11015.5"
    And the page looks like its baseline "terms-dialog"

  @guide-step-5
  Scenario Outline: <page>, clean and with errors, looks as it did
    Given the CEC has reached the "<page>" page
    Then the page looks like its baseline "<baseline>"
    When the CEC clicks Continue
    Then the page says "<error>" (<code>)
    And the page looks like its baseline "<baseline>-errors"

    Examples:
      | page                      | baseline            | error                       | code   |
      | User Information (1 of 2) | user-information-1  | First Name is required.     | UI-301 |
      | User Information (2 of 2) | user-information-2  | Street Address is required. | UI-301 |
      | Username & Password       | username-password   | Username is required.       | CR-402 |

  @guide-step-7 @guide-step-8
  Scenario: Verify Your Information and the Account Created dialog look as they did
    Given the CEC has reached the "Verify Your Information" page
    Then the page looks like its baseline "verify-information"
    When the CEC clicks Confirm
    Then a pop-up window prompts the CEC to Log In with the Username and Password
    And the page looks like its baseline "account-created"

  @guide-step-9
  Scenario: Log In, clean and with LI-601, looks as it did
    Given the CEC has reached the "Log In" page
    Then the page looks like its baseline "log-in"
    When the CEC logs in with the Username created and a wrong password
    Then the page says "The username or password you entered is incorrect." (LI-601)
    And the page looks like its baseline "log-in-li-601" with the typed values masked
