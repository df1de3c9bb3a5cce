Feature: Follow the steps in order, in one session
  The guide: "Please complete all necessary information and follow system directions to
  create and activate your CoveredCA.com account."

  A page opened before its earlier steps are done sends the CEC back to the start; a
  sign-up left idle too long says so and starts again from the sign-up link.

  @negative
  Scenario Outline: A later page opened directly sends the CEC back to the start (SS-902)
    Given a CEC has a delegation email
    And the CEC has opened the sign-up link
    When the CEC opens the address of the "<page>" page directly
    Then the "Create Your Account" page opens
    And the page says only "Start from the beginning of the sign-up." (SS-902)

    @guide-step-3
    Examples: Use of the Website
      | page               |
      | Use of the Website |

    @guide-step-5
    Examples: User Information
      | page                      |
      | User Information (1 of 2) |
      | User Information (2 of 2) |

    @guide-step-6
    Examples: Username & Password
      | page                |
      | Username & Password |

    @guide-step-7
    Examples: Verify Your Information
      | page                    |
      | Verify Your Information |

  @guide-step-4 @negative
  Scenario: Skipping the agreement to the terms sends the CEC back to the start (SS-902)
    Given a CEC has a delegation email
    And the CEC has reached the "Use of the Website" page
    When the CEC opens the address of the "User Information (1 of 2)" page directly
    Then the "Create Your Account" page opens
    And the page says only "Start from the beginning of the sign-up." (SS-902)

  @negative
  Scenario Outline: An expired session says so and leads back to the sign-up link (SS-901)
    Given a CEC has a delegation email
    And the CEC has reached the "<page>" page
    And the CEC's session has expired
    When the CEC completes the page and goes on
    Then the "Session Expired" page opens
    And the page says "Your session has expired. Start again from the sign-up link." (SS-901)
    And the portal holds no account for the CEC's username
    When the CEC follows the link to start again
    Then the "Create Your Account" page opens
    And the three fields are empty

    @guide-step-2
    Examples: Create Your Account
      | page                |
      | Create Your Account |

    @guide-step-5
    Examples: User Information
      | page                      |
      | User Information (2 of 2) |

    @guide-step-7
    Examples: Verify Your Information
      | page                    |
      | Verify Your Information |
