@a11y
Feature: Every page and dialog of the activation meets WCAG 2.1 A and AA (axe-core)
  CECs activate with screen readers and magnifiers too. axe-core checks what it can check
  automatically on every page and dialog of the guide, clean and with the portal's errors.

  Background:
    Given a CEC has a delegation email

  @guide-step-2
  Scenario: Create Your Account, empty and with the errors DC-101 and DC-102
    When the CEC opens the sign-up link
    Then axe-core finds no WCAG 2.1 A or AA violation
    When the CEC clicks CONTINUE
    Then the page says "Delegation Code is required." (DC-101)
    And axe-core finds no WCAG 2.1 A or AA violation
    When the CEC clicks CONTINUE with a Delegation Code no email holds
    Then the page says "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name and CEC Certification # and try again." (DC-102)
    And axe-core finds no WCAG 2.1 A or AA violation

  @guide-step-3
  Scenario: Use of the Website, and the Terms dialog open
    Given the CEC has reached the "Use of the Website" page
    Then axe-core finds no WCAG 2.1 A or AA violation
    When the CEC selects "View the Terms and Conditions of Use"
    Then the terms show the sections "Purpose of This Agreement", "Privacy Policy" and "Notices Required Under Government Code Section 11015.5"
    And axe-core finds no WCAG 2.1 A or AA violation

  @guide-step-5
  Scenario Outline: <page>, clean and with errors
    Given the CEC has reached the "<page>" page
    Then axe-core finds no WCAG 2.1 A or AA violation
    When the CEC clicks Continue
    Then the page says "<error>" (<code>)
    And axe-core finds no WCAG 2.1 A or AA violation

    Examples:
      | page                      | error                        | code   |
      | User Information (1 of 2) | First Name is required.      | UI-301 |
      | User Information (2 of 2) | Street Address is required.  | UI-301 |
      | Username & Password       | Username is required.        | CR-402 |

  @guide-step-7 @guide-step-8
  Scenario: Verify Your Information and the Account Created dialog
    Given the CEC has reached the "Verify Your Information" page
    Then axe-core finds no WCAG 2.1 A or AA violation
    When the CEC clicks Confirm
    Then a pop-up window prompts the CEC to Log In with the Username and Password
    And axe-core finds no WCAG 2.1 A or AA violation

  @guide-step-9
  Scenario: Log In, clean and with LI-601
    Given the CEC has reached the "Log In" page
    Then axe-core finds no WCAG 2.1 A or AA violation
    When the CEC logs in with the Username created and a wrong password
    Then the page says "The username or password you entered is incorrect." (LI-601)
    And axe-core finds no WCAG 2.1 A or AA violation
