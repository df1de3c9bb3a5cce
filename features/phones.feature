@mobile
Feature: CECs activate on their phones
  The activation works on a phone's screen, touch and browser, and no page makes a CEC
  scroll sideways on a narrow screen (WCAG 1.4.10 reflow, 320 CSS px).

  Background:
    Given a CEC has a delegation email

  @guide-step-1 @guide-step-9
  Scenario Outline: A CEC activates the delegation code on a <device>
    When the CEC activates on a "<device>" phone
    Then the phone shows the CoveredCA.com home page welcoming the CEC by first name

    Examples:
      | device    |
      | Pixel 7   |
      | iPhone 13 |

  @guide-step-1 @guide-step-9
  Scenario: At 320 CSS pixels wide no page scrolls sideways
    Given the CEC's screen is 320 CSS pixels wide
    When the CEC follows the guide to the home page, and no page scrolls sideways
