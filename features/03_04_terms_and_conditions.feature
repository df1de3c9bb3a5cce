Feature: Review and agree to the Terms and Conditions of Use (guide steps 3 and 4)
  The guide: "3. The next page will review the Use of the Website. CEC must select
  "View the Terms and Conditions of Use" and review the verbiage than click on the Close
  button." "4. CEC clicks the checkbox next to "Check this box to show you agree to Terms
  and Conditions", then Click "Continue" (Continue button should be enabled)"

  Background:
    Given a CEC has a delegation email
    And the CEC has reached the "Use of the Website" page

  @guide-step-3 @guide-step-4 @full-walk
  Scenario: The checkbox is disabled until the terms were viewed
    Then the checkbox "Check this box to show you agree to Terms and Conditions" is disabled
    And the page explains "You must view the Terms and Conditions of Use before you can agree."
    And the Continue button is disabled

  @guide-step-3
  Scenario: Selecting "View the Terms and Conditions of Use" opens the terms
    When the CEC selects "View the Terms and Conditions of Use"
    Then the "Terms and Conditions of Use" dialog opens
    And the terms show the sections "Purpose of This Agreement", "Privacy Policy" and "Notices Required Under Government Code Section 11015.5"
    And the dialog has a Close button

  @guide-step-3
  Scenario: Close closes the terms
    When the CEC selects "View the Terms and Conditions of Use"
    And reviews the verbiage and clicks Close
    Then the terms dialog is closed
    And the focus is back on "View the Terms and Conditions of Use"

  @guide-step-3
  Scenario: Escape also closes the terms
    When the CEC selects "View the Terms and Conditions of Use"
    And reviews the verbiage and presses Escape
    Then the terms dialog is closed
    And the focus is back on "View the Terms and Conditions of Use"

  @guide-step-3 @negative
  Scenario: Terms that could not be loaded do not count as viewed (SYS-998)
    Given the portal fails to send the terms once
    When the CEC selects "View the Terms and Conditions of Use"
    Then the dialog says "The Terms and Conditions could not be loaded. Try again. (SYS-998)"
    When the CEC clicks Close
    Then the checkbox "Check this box to show you agree to Terms and Conditions" is disabled
    When the CEC selects "View the Terms and Conditions of Use"
    And reviews the verbiage and clicks Close
    Then the checkbox "Check this box to show you agree to Terms and Conditions" is enabled

  @guide-step-3 @guide-step-4
  Scenario: Once the terms were viewed the checkbox is enabled, and Continue waits for it
    When the CEC selects "View the Terms and Conditions of Use"
    And reviews the verbiage and clicks Close
    Then the checkbox "Check this box to show you agree to Terms and Conditions" is enabled
    And the Continue button is disabled

  @guide-step-4
  Scenario: Checking the box enables Continue, which goes on to the User Information
    Given the CEC has viewed the Terms and Conditions of Use and closed them
    When the CEC clicks the checkbox next to "Check this box to show you agree to Terms and Conditions"
    Then the Continue button is enabled
    When the CEC clicks Continue
    Then the "User Information (1 of 2)" page opens

  @guide-step-4
  Scenario: Unchecking the box disables Continue again
    Given the CEC has viewed the Terms and Conditions of Use and closed them
    When the CEC clicks the checkbox next to "Check this box to show you agree to Terms and Conditions"
    And clicks the checkbox again
    Then the Continue button is disabled

  @guide-step-4
  Scenario: Back returns to Create Your Account with the details kept
    When the CEC clicks Back
    Then the "Create Your Account" page opens
    And the fields show the details from the email
